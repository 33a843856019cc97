package org.hanzinet.benchmarks.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.hanzinet.data.synthetic.SyntheticCtw;

/** A synthetic CTW set in a temporary directory for a benchmark trial (generation is not measured). */
final class SyntheticSet implements AutoCloseable {
    final Path dir;
    final Path jsonl;

    SyntheticSet(int count, int size, long seed) {
        try {
            dir = Files.createTempDirectory("hanzinet-bench-ctw");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jsonl = SyntheticCtw.generate(dir, count, size, seed);
    }

    Path images() {
        return SyntheticCtw.imageDir(jsonl);
    }

    @Override
    public void close() {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

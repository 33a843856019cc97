package org.hanzinet.examples.data;

import java.nio.file.Path;
import org.hanzinet.data.synthetic.SyntheticCtw;

/** Bridge to the data module's synthetic generator ({@code annotations.jsonl} + {@code images/*.jpg}). */
final class SyntheticWriter {
    private SyntheticWriter() {}

    static void write(Path dir, int count, int size, long seed) {
        SyntheticCtw.generate(dir, count, size, seed);
    }
}

package org.hanzinet.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writeReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("sub/report.md");
        AtomicFiles.writeString(f, "old");
        AtomicFiles.writeLines(f, List.of("a", "汉字"));
        assertThat(Files.readString(f)).isEqualTo("a\n汉字\n");
        assertThat(names(f.getParent())).containsExactly("report.md");
    }

    @Test
    void aWriteThatFailsMidwayKeepsTheOldFileAndRemovesItsTemporaryFile() throws IOException {
        Path f = dir.resolve("metrics.json");
        AtomicFiles.writeString(f, "{\"old\": true}");
        for (int failAfter : new int[] {0, 1, 5000}) {
            assertThatThrownBy(() -> AtomicFiles.write(f, ch -> {
                ch.write(ByteBuffer.wrap(new byte[failAfter]));
                throw new IOException("No space left on device");
            })).isInstanceOf(IOException.class).hasMessageContaining("cannot write " + f.toAbsolutePath())
                    .hasMessageContaining("No space left on device");
            assertThat(Files.readString(f)).isEqualTo("{\"old\": true}");
            assertThat(names(dir)).containsExactly("metrics.json");
        }
        assertThatThrownBy(() -> AtomicFiles.writeStream(f, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("I/O error writing PNG file!");
        })).hasMessageContaining("metrics.json");
        assertThat(Files.readString(f)).isEqualTo("{\"old\": true}");
        assertThat(names(dir)).containsExactly("metrics.json");
    }

    @Test
    void aDirectoryInTheWayIsNamedAndKept() throws IOException {
        Path d = Files.createDirectories(dir.resolve("checkpoint.safetensors"));
        assertThatThrownBy(() -> AtomicFiles.writeString(d, "x")).isInstanceOf(IOException.class)
                .hasMessage("cannot write " + d.toAbsolutePath() + ": it is a directory");
        assertThat(d).isEmptyDirectory();
    }

    @Test
    void temporaryFilesHaveARecognisableNameAndOnlyThoseAreRemovedAsStale() throws IOException {
        Path f = dir.resolve("checkpoint.safetensors");
        String[] tempName = new String[1];
        AtomicFiles.write(f, ch -> {
            try (Stream<Path> s = Files.list(dir)) {
                tempName[0] = s.map(p -> p.getFileName().toString()).findFirst().orElseThrow();
            }
        });
        assertThat(tempName[0]).matches("\\.checkpoint\\.safetensors\\.[0-9]+\\.hanzinet\\.tmp");
        assertThat(AtomicFiles.isTempName(tempName[0])).isTrue();

        // What a kill -9 during a write leaves, beside files that merely look alike.
        Files.writeString(dir.resolve(tempName[0]), "stale");
        Files.writeString(dir.resolve(".losses.csv.42.hanzinet.tmp"), "stale");
        List<String> keep = List.of("notes.tmp", ".x.123.tmp", "x.1.hanzinet.tmp", ".x.abc.hanzinet.tmp", "losses.csv");
        for (String k : keep) {
            Files.writeString(dir.resolve(k), "keep");
        }
        Files.createDirectories(dir.resolve(".dir.7.hanzinet.tmp"));
        List<Path> removed = AtomicFiles.removeStaleTemps(dir);
        assertThat(removed).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder(tempName[0], ".losses.csv.42.hanzinet.tmp");
        assertThat(names(dir)).containsExactlyInAnyOrderElementsOf(Stream.concat(keep.stream(),
                Stream.of("checkpoint.safetensors", ".dir.7.hanzinet.tmp")).toList());
        assertThat(AtomicFiles.removeStaleTemps(dir.resolve("missing"))).isEmpty();
    }

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}

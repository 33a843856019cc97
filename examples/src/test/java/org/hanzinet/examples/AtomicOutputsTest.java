package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every output file of the library and the application goes through {@code core.io.AtomicFiles} (temp file
 * + atomic rename): this scans the main sources of core, nn, data and examples for any other way of
 * writing a file, so a new writer that could leave a truncated file on a full disk fails here.
 */
class AtomicOutputsTest {
    private static final Pattern DIRECT_WRITE = Pattern.compile(
            "(?<![\\w.])Files\\.(write|writeString|newOutputStream|newBufferedWriter|copy)\\("
                    + "|new (FileOutputStream|FileWriter|RandomAccessFile)\\("
                    + "|StandardOpenOption\\.(WRITE|APPEND|CREATE)"
                    + "|ImageIO\\.write\\([^;]*(toFile\\(\\)|new File)"
                    + "|writeValue\\([^;]*(toFile\\(\\)|new File)");

    @Test
    void noMainSourceWritesAFileExceptThroughAtomicFiles() throws IOException {
        Path examples = Path.of("src/main/java").toAbsolutePath();
        List<Path> roots = List.of(examples, examples.resolve("../../../../core/src/main/java").normalize(),
                examples.resolve("../../../../nn/src/main/java").normalize(),
                examples.resolve("../../../../data/src/main/java").normalize());
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        for (Path root : roots) {
            assertThat(root).as("module sources beside examples (run from the repository)").isDirectory();
            try (Stream<Path> s = Files.walk(root)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                    scanned++;
                    if (f.getFileName().toString().equals("AtomicFiles.java")) {
                        continue;
                    }
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        Matcher m = DIRECT_WRITE.matcher(lines.get(i));
                        if (m.find()) {
                            offenders.add(root.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).trim());
                        }
                    }
                }
            }
        }
        assertThat(scanned).isGreaterThan(100);
        assertThat(offenders).as("files written without AtomicFiles").isEmpty();
    }

    @Test
    void thePatternCatchesTheWaysFilesWereWrittenBefore() {
        for (String line : List.of("Files.writeString(folder.report(), sb.toString());", "Files.write(file, lines);",
                "MAPPER.writeValue(file.toFile(), value);", "if (!ImageIO.write(img, \"png\", file.toFile())) {",
                "try (OutputStream raw = Files.newOutputStream(file);",
                "FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,")) {
            assertThat(DIRECT_WRITE.matcher(line).find()).as(line).isTrue();
        }
        for (String line : List.of("if (!ImageIO.write(img, \"png\", out)) {", "AtomicFiles.writeString(file, sb);",
                "AtomicFiles.write(file, ch -> SafeTensors.write(ch, tensors, meta));")) {
            assertThat(DIRECT_WRITE.matcher(line).find()).as(line).isFalse();
        }
    }
}

package org.hanzinet.data.ctw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hanzinet.data.ctw.CtwReaderTest.CHAR;
import static org.hanzinet.data.ctw.CtwReaderTest.LATIN;
import static org.hanzinet.data.ctw.CtwReaderTest.line;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hanzinet.core.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a user gets for the wrong file, a bad byte, a path out of the folder, a repeated id, implausible data. */
class CtwReaderUserErrorsTest {
    @TempDir
    Path dir;

    /** The lines as UTF-8, except that line {@code bad} (1-based) gets a Latin-1 byte 0xE9 in its image id. */
    Path withLatin1ByteOnLine(int bad, int lines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; i <= lines; i++) {
            String l = line("img" + i + (i == bad ? "\u0000" : ""), "[[" + CHAR + "]]");
            byte[] b = l.getBytes(StandardCharsets.UTF_8);
            for (byte x : b) {
                out.write(x == 0 ? 0xE9 : x); // the NUL placeholder becomes the bad byte
            }
            out.write('\n');
        }
        return Files.write(dir.resolve("train.jsonl"), out.toByteArray());
    }

    @Test
    void aNonUtf8ByteIsReportedOnItsTrueLine() throws IOException {
        for (int bad : new int[] {3, 5}) {
            Path f = withLatin1ByteOnLine(bad, 6);
            assertThatThrownBy(() -> CtwReader.readAll(f, CtwReadOptions.defaults()))
                    .isInstanceOf(CtwFormatException.class)
                    .hasMessageStartingWith(f + ":" + bad + ": byte 0xE9 at byte ")
                    .hasMessageContaining("of line " + bad + " is not UTF-8 text; save the file as UTF-8")
                    .satisfies(e -> assertThat(((CtwFormatException) e).line()).isEqualTo(bad));
        }
    }

    @Test
    void underTheSkipPolicyOnlyTheBadLineIsSkipped() throws IOException {
        Path f = withLatin1ByteOnLine(3, 6);
        List<CtwImage> read = CtwReader.readAll(f, CtwReadOptions.defaults().withOnError(CtwReadOptions.ErrorPolicy.SKIP));
        assertThat(read).extracting(CtwImage::imageId).containsExactly("img1", "img2", "img4", "img5", "img6");
    }

    @Test
    void aJpegIsNotACtwJsonlFileWhateverThePolicy() throws IOException {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, '\n', 'x'};
        Path f = Files.write(dir.resolve("photo.jpg"), jpeg);
        for (CtwReadOptions.ErrorPolicy policy : CtwReadOptions.ErrorPolicy.values()) {
            assertThatThrownBy(() -> CtwReader.readAll(f, CtwReadOptions.defaults().withOnError(policy)))
                    .isInstanceOf(CtwFormatException.class)
                    .hasMessage(f + ":1: not a CTW JSONL file (UTF-8 text, one JSON object per line): byte 0xFF at "
                            + "byte 1 of line 1 is not UTF-8 text");
        }
    }

    @Test
    void aSafetensorsCheckpointIsNotACtwJsonlFile() throws IOException {
        byte[] header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + 8).order(ByteOrder.LITTLE_ENDIAN); // length, JSON, floats
        b.putLong(header.length).put(header).putFloat(1f).putFloat(2f);
        Path f = Files.write(dir.resolve("checkpoint.safetensors"), b.array());
        assertThatThrownBy(() -> CtwReader.readAll(f, CtwReadOptions.defaults()))
                .isInstanceOf(CtwFormatException.class)
                .hasMessageStartingWith(f + ":1: not a CTW JSONL file (UTF-8 text, one JSON object per line): ");
    }

    @Test
    void aFolderIsNamed() {
        assertThatThrownBy(() -> CtwReader.readAll(dir, CtwReadOptions.defaults()))
                .hasMessage(dir + ": is a folder, not a CTW JSONL file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../x.jpg", "images/../../x.jpg", "/etc/x.jpg", "..\\\\x.jpg", "C:\\\\photos\\\\x.jpg", ""})
    void aFileNameOutsideTheDataFolderIsRefused(String name) throws IOException {
        Path f = Files.write(dir.resolve("train.jsonl"), List.of(line("a", "[[" + CHAR + "]]").replace("a.jpg", name)));
        assertThatThrownBy(() -> CtwReader.readAll(f, CtwReadOptions.defaults()))
                .isInstanceOf(CtwFormatException.class)
                .hasMessageStartingWith(f + ":1: field file_name: '" + name.replace("\\\\", "\\")
                        + "' must be a relative path inside the data folder");
    }

    @Test
    void aFileNameInASubFolderIsFine() throws IOException {
        Path f = Files.write(dir.resolve("train.jsonl"), List.of(line("a", "[[" + CHAR + "]]").replace("a.jpg", "images/a..b.jpg")));
        assertThat(CtwReader.readAll(f, CtwReadOptions.defaults()).get(0).fileName()).isEqualTo("images/a..b.jpg");
    }

    @Test
    void aDuplicateImageIdNamesBothLines() throws IOException {
        Path f = Files.write(dir.resolve("train.jsonl"), List.of(line("a", "[[" + CHAR + "]]"), "",
                line("b", "[[" + CHAR + "]]"), line("a", "[[" + CHAR + "]]")));
        assertThatThrownBy(() -> CtwReader.readAll(f, CtwReadOptions.defaults()))
                .isInstanceOf(CtwFormatException.class)
                .hasMessage(f + ":4: field image_id: duplicate image_id 'a', first on line 1");
    }

    @Test
    void aFileWithoutChineseCharactersIsWarnedAbout() throws IOException {
        Path latin = Files.write(dir.resolve("latin.jsonl"), List.of(line("a", "[[" + LATIN + "]]"), line("b", "[]")));
        Path chinese = Files.write(dir.resolve("chinese.jsonl"), List.of(line("a", "[[" + LATIN + "]]"),
                line("b", "[[" + CHAR + "]]")));
        try (LogCapture log = LogCapture.of(CtwReader.class)) {
            assertThat(CtwReader.readAll(latin, CtwReadOptions.defaults())).hasSize(2);
            assertThat(CtwReader.readAll(chinese, CtwReadOptions.defaults())).hasSize(2);
            assertThat(log.warnings()).containsExactly(latin + ": no character of the images read has is_chinese true, "
                    + "so every character mask is empty: is this a CTW annotation file?");
        }
    }

    @Test
    void pointsFarOutsideTheImageAreWarnedAboutAndSmallOverhangsAreNot() throws IOException {
        // The image is 30 x 20; an overhang of 2 px is common, 100 px is a wrong size or coordinate.
        String slight = CHAR.replace("[5.0, 7.0]", "[32.0, 7.0]");
        String far = CHAR.replace("[5.0, 7.0]", "[100.0, 7.0]");
        Path f = Files.write(dir.resolve("train.jsonl"), List.of(line("a", "[[" + slight + "]]"),
                line("b", "[[" + CHAR + ", " + far + "]]")));
        try (LogCapture log = LogCapture.of(CtwReader.class)) {
            assertThat(CtwReader.readAll(f, CtwReadOptions.defaults())).hasSize(2);
            assertThat(log.warnings()).containsExactly(f + ":2: image b character 1 '\u4e2d': polygon point (100.0, 7.0) "
                    + "lies far outside the declared 30 x 20 image (more than 25% of its size beyond an edge): wrong "
                    + "width/height or coordinates?");
        }
    }
}

package org.hanzinet.data.ctw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hanzinet.data.testing.RectsCtw;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CtwReaderTest {
    @TempDir
    Path dir;

    static final String CHAR = "{\"adjusted_bbox\": [1.0, 2.0, 3.0, 4.0], \"attributes\": [\"occluded\"], \"is_chinese\": true, "
            + "\"polygon\": [[1.0, 2.0], [5.0, 2.0], [5.0, 7.0], [1.0, 7.0]], \"text\": \"\\u4e2d\"}";
    static final String LATIN = "{\"adjusted_bbox\": [1.0, 2.0, 3.0, 4.0], \"attributes\": [], \"is_chinese\": false, "
            + "\"polygon\": [[10.0, 2.0], [15.0, 2.0], [15.0, 7.0], [10.0, 7.0]], \"text\": \"A\"}";

    static String line(String id, String sentences) {
        return "{\"annotations\": " + sentences + ", \"file_name\": \"" + id + ".jpg\", \"height\": 20, "
                + "\"ignore\": [{\"bbox\": [0.0, 0.0, 4.0, 4.0], \"polygon\": [[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0]]}], "
                + "\"image_id\": \"" + id + "\", \"width\": 30}";
    }

    Path write(String... lines) throws IOException {
        Path f = dir.resolve("train.jsonl");
        Files.write(f, List.of(lines));
        return f;
    }

    @Test
    void readsTheRealRectsFileWithItsCounts() {
        Path f = RectsCtw.folder().resolve("annotations.jsonl");
        List<CtwImage> chinese = CtwReader.readAll(f, CtwReadOptions.defaults());
        List<CtwImage> all = CtwReader.readAll(f, CtwReadOptions.defaults().withSelection(CtwReadOptions.Selection.ALL));
        assertThat(chinese).hasSize(5);
        assertThat(chinese.stream().mapToInt(i -> i.characters().size()).sum()).isEqualTo(82);
        assertThat(all.stream().mapToInt(i -> i.characters().size()).sum()).isEqualTo(117);
        assertThat(all.stream().mapToInt(i -> i.ignores().size()).sum()).isEqualTo(2);
        CtwImage second = chinese.get(1);
        assertThat(second.imageId()).isEqualTo("train_ReCTS_000002");
        assertThat(second.width()).isEqualTo(668);
        assertThat(second.height()).isEqualTo(424);
        CtwCharacter first = second.characters().get(0);
        assertThat(first.text()).isEqualTo("\u9171");
        assertThat(first.polygon()).isEqualTo(Polygon.of(69, 94, 230, 94, 230, 237, 69, 237));
        assertThat(first.adjustedBbox()).isEqualTo(new BoundingBox(69, 94, 161, 143));
        assertThat(chinese.stream().flatMap(i -> i.characters().stream())).allMatch(CtwCharacter::isChinese);
    }

    @Test
    void selectsChineseOnlyByDefaultAndAllOnRequest() throws IOException {
        Path f = write(line("a", "[[" + CHAR + ", " + LATIN + "], [" + CHAR + "]]"));
        assertThat(CtwReader.readAll(f, CtwReadOptions.defaults()).get(0).characters()).hasSize(2);
        CtwImage all = CtwReader.readAll(f, CtwReadOptions.defaults().withSelection(CtwReadOptions.Selection.ALL)).get(0);
        assertThat(all.characters()).extracting(CtwCharacter::text).containsExactly("\u4e2d", "A", "\u4e2d");
        assertThat(all.characters().get(0).attributes()).containsExactly("occluded");
        assertThat(all.ignores()).hasSize(1);
    }

    @Test
    void stopsAfterTheFirstNImagesWithoutReadingFurther() throws IOException {
        // Line 3 is broken: a reader that loaded the whole file would fail; a streaming one never sees it.
        Path f = write(line("a", "[]"), line("b", "[]"), "{ not json");
        List<CtwImage> two = CtwReader.readAll(f, CtwReadOptions.defaults().withMaxImages(2));
        assertThat(two).extracting(CtwImage::imageId).containsExactly("a", "b");
        try (CtwReader r = CtwReader.open(f, CtwReadOptions.defaults())) {
            assertThat(r.next().imageId()).isEqualTo("a");
            assertThat(r.lineNumber()).isEqualTo(1);
        }
    }

    @Test
    void toleratesUnknownFieldsAndBlankLines() throws IOException {
        String extra = line("a", "[[" + CHAR.replace("\"text\"", "\"future\": {\"x\": [1, 2]}, \"text\"") + "]]")
                .replace("\"width\"", "\"license\": \"cc\", \"width\"");
        Path f = write(extra, "", line("b", "[]"));
        assertThat(CtwReader.readAll(f, CtwReadOptions.defaults())).extracting(CtwImage::imageId).containsExactly("a", "b");
    }

    @Test
    void emptyAnnotationListGivesAnImageWithoutCharacters() throws IOException {
        CtwImage img = CtwReader.readAll(write(line("empty", "[]")), CtwReadOptions.defaults()).get(0);
        assertThat(img.characters()).isEmpty();
        assertThat(img.width()).isEqualTo(30);
    }

    @Test
    void malformedJsonNamesFileAndLine() throws IOException {
        Path f = write(line("a", "[]"), "{\"annotations\": [,]}");
        assertThatThrownBy(() -> CtwReader.readAll(f, CtwReadOptions.defaults()))
                .isInstanceOf(CtwFormatException.class)
                .hasMessageContaining(f.toString() + ":2")
                .hasMessageContaining("malformed JSON");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing width            | \"width\": 30                        | \"w\": 30                      | width",
        "mistyped width           | \"width\": 30                        | \"width\": \"30\"              | width",
        "fractional height        | \"height\": 20                       | \"height\": 20.5               | height",
        "missing image_id         | \"image_id\": \"a\"                  | \"id\": \"a\"                  | image_id",
        "mistyped annotations     | \"annotations\": [[                  | \"annotations\": [7, [          | annotations[0]",
        "mistyped is_chinese      | \"is_chinese\": true                 | \"is_chinese\": \"yes\"        | annotations[0][0].is_chinese",
        "missing text             | \"text\": \"\\u4e2d\"                | \"txt\": \"x\"                 | annotations[0][0].text",
        "two-point polygon        | [[1.0, 2.0], [5.0, 2.0], [5.0, 7.0], [1.0, 7.0]] | [[1.0, 2.0], [5.0, 2.0]] | annotations[0][0].polygon",
        "NaN coordinate           | [[1.0, 2.0], [5.0, 2.0]             | [[1.0, NaN], [5.0, 2.0]       | annotations[0][0].polygon[0][1]",
        "string coordinate        | [[1.0, 2.0], [5.0, 2.0]             | [[\"1\", 2.0], [5.0, 2.0]     | annotations[0][0].polygon[0][0]",
        "zero-area polygon        | [5.0, 7.0], [1.0, 7.0]]             | [5.0, 2.0], [1.0, 2.0]]       | annotations[0][0].polygon",
        "three-value point        | [5.0, 7.0], [1.0, 7.0]]             | [5.0, 7.0], [1.0, 7.0, 3.0]]  | annotations[0][0].polygon[3]",
        "short adjusted_bbox      | [1.0, 2.0, 3.0, 4.0]                | [1.0, 2.0]                    | annotations[0][0].adjusted_bbox",
        "ignore without polygon   | \"polygon\": [[0.0, 0.0]            | \"poly\": [[0.0, 0.0]          | ignore[0].polygon",
    })
    void badFieldsAreNamedWithFileAndLine(String what, String from, String to, String field) throws IOException {
        String good = line("a", "[[" + CHAR + "]]");
        String bad = good.replace(from.strip(), to.strip());
        assertThat(bad).as("test setup for " + what).isNotEqualTo(good);
        Path f = write(good, bad);
        assertThatThrownBy(() -> CtwReader.readAll(f, CtwReadOptions.defaults()))
                .isInstanceOf(CtwFormatException.class)
                .hasMessageContaining(f + ":2: field " + field + ":")
                .satisfies(e -> assertThat(((CtwFormatException) e).field()).isEqualTo(field))
                .satisfies(e -> assertThat(((CtwFormatException) e).line()).isEqualTo(2));
    }

    @Test
    void skipPolicyCountsBadLinesAndKeepsTheRest() throws IOException {
        Path f = write(line("a", "[]"), "[1, 2]", line("b", "[]").replace("\"width\": 30", "\"width\": -3"), line("c", "[]"));
        try (CtwReader r = CtwReader.open(f, CtwReadOptions.defaults().withOnError(CtwReadOptions.ErrorPolicy.SKIP))) {
            assertThat(r.stream().map(CtwImage::imageId)).containsExactly("a", "c");
            assertThat(r.skipped()).isEqualTo(2);
        }
    }

    @Test
    void streamsAFullCtwSizedFile() throws IOException {
        Path f = dir.resolve("big.jsonl");
        // Distinct ids: a repeated image_id is an error.
        String[] lines = java.util.stream.IntStream.range(0, 32_000).mapToObj(i -> line("x" + i, "[[" + CHAR + ", " + LATIN + "]]"))
                .toArray(String[]::new);
        try (Writer w = Files.newBufferedWriter(f)) {
            for (String l : lines) {
                w.write(l);
                w.write('\n');
            }
        }
        try (CtwReader r = CtwReader.open(f, CtwReadOptions.defaults()); Stream<CtwImage> s = r.stream()) {
            assertThat(s.mapToInt(i -> i.characters().size()).sum()).isEqualTo(32_000);
            assertThat(r.lineNumber()).isEqualTo(32_000);
        }
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("nope.jsonl");
        assertThatThrownBy(() -> CtwReader.open(f, CtwReadOptions.defaults())).hasMessageContaining(f.toString());
    }
}

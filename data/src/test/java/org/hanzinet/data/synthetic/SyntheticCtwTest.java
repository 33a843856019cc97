package org.hanzinet.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.hanzinet.data.ctw.CtwCharacter;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.data.ctw.CtwJsonWriter;
import org.hanzinet.data.ctw.CtwReadOptions;
import org.hanzinet.data.ctw.CtwReader;
import org.hanzinet.data.dataset.CtwDataset;
import org.hanzinet.data.dataset.DatasetOptions;
import org.hanzinet.data.dataset.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticCtwTest {
    @TempDir
    Path dir;

    static final CtwReadOptions ALL = CtwReadOptions.defaults().withSelection(CtwReadOptions.Selection.ALL);

    @Test
    void generatedSetReadsBackThroughTheReaderAndTheDataset() {
        Path jsonl = SyntheticCtw.generate(dir, 6, 256, 3);
        List<CtwImage> imgs = CtwReader.readAll(jsonl, ALL);
        assertThat(imgs).hasSize(6);
        assertThat(imgs).allSatisfy(i -> assertThat(i.width()).isEqualTo(256));
        assertThat(imgs.stream().mapToInt(i -> i.characters().size()).sum()).isGreaterThan(6 * 5);
        // Latin letters and digits are drawn but not annotated as characters: they are ignore regions.
        assertThat(imgs.stream().flatMap(i -> i.characters().stream())).allMatch(CtwCharacter::isChinese);
        assertThat(imgs.stream().mapToInt(i -> i.ignores().size()).sum()).isPositive();
        CtwDataset ds = new CtwDataset(SyntheticCtw.imageDir(jsonl), CtwReader.readAll(jsonl, CtwReadOptions.defaults()),
                DatasetOptions.defaults());
        for (int i = 0; i < ds.size(); i++) {
            Sample s = ds.get(i);
            assertThat(s.image().shape()).containsExactly(3, 256, 256);
            assertThat(s.mask().sum()).as("image %s has character pixels", s.id()).isPositive();
        }
    }

    @Test
    void sameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot() throws IOException {
        Path a = SyntheticCtw.generate(dir.resolve("a"), 3, 200, 42);
        Path b = SyntheticCtw.generate(dir.resolve("b"), 3, 200, 42);
        Path c = SyntheticCtw.generate(dir.resolve("c"), 3, 200, 43);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readAllBytes(a)).isNotEqualTo(Files.readAllBytes(c));
        for (String f : List.of("0000000.jpg", "0000001.jpg", "0000002.jpg")) {
            assertThat(Files.readAllBytes(SyntheticCtw.imageDir(a).resolve(f)))
                    .as(f).isEqualTo(Files.readAllBytes(SyntheticCtw.imageDir(b).resolve(f)));
        }
        // Image i depends only on (seed, i): a longer run starts with the same images.
        Path longer = SyntheticCtw.generate(dir.resolve("d"), 4, 200, 42);
        assertThat(Files.readAllLines(longer).subList(0, 3)).isEqualTo(Files.readAllLines(a));
    }

    @Test
    void jsonlIsWrittenLikeTheOfficialFiles() throws IOException {
        Path jsonl = SyntheticCtw.generate(dir, 4, 320, 9);
        byte[] bytes = Files.readAllBytes(jsonl);
        for (byte b : bytes) {
            assertThat(b & 0xFF).as("pure ASCII, non-ASCII escaped").isLessThan(0x80);
        }
        String text = new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(text).contains("\\u").endsWith("}\n").contains("\"is_chinese\": true, \"polygon\": [[");
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(jsonl)) {
            JsonNode root = json.readTree(line);
            assertSortedKeys(root);
            for (JsonNode sentence : root.get("annotations")) {
                for (JsonNode ch : sentence) {
                    assertThat(ch.get("polygon")).hasSize(4);
                    String t = ch.get("text").asText();
                    boolean cjk = Character.UnicodeBlock.of(t.codePointAt(0)) == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS;
                    assertThat(ch.get("is_chinese").asBoolean()).as(t).isEqualTo(cjk);
                }
            }
        }
        for (CtwImage img : CtwReader.readAll(jsonl, ALL)) {
            for (CtwCharacter c : img.characters()) {
                var expected = CtwJsonWriter.adjustedBbox(c.polygon());
                assertThat(c.adjustedBbox().x()).isCloseTo(expected.x(), org.assertj.core.data.Offset.offset(1e-3));
                assertThat(c.adjustedBbox().h()).isCloseTo(expected.h(), org.assertj.core.data.Offset.offset(2e-3));
            }
        }
    }

    @Test
    void defaultSetIsGeneratedOnceAndReused() throws IOException {
        Path jsonl = SyntheticCtw.ensureDefault(dir);
        assertThat(Files.readAllLines(jsonl)).hasSize(SyntheticCtw.DEFAULT_COUNT);
        var stamp = Files.getLastModifiedTime(jsonl);
        assertThat(SyntheticCtw.ensureDefault(dir)).isEqualTo(jsonl);
        assertThat(Files.getLastModifiedTime(jsonl)).isEqualTo(stamp);
        assertThat(CtwReader.readAll(jsonl, CtwReadOptions.defaults()).get(0).width()).isEqualTo(SyntheticCtw.DEFAULT_SIZE);
        // A set made by an older generator version is made again.
        Files.writeString(dir.resolve(".complete"), SyntheticCtw.DEFAULT_COUNT + " " + SyntheticCtw.DEFAULT_SIZE + " "
                + SyntheticCtw.DEFAULT_SEED + " v" + (SyntheticCtw.GENERATOR_VERSION - 1));
        Files.writeString(jsonl, "stale\n");
        assertThat(Files.readAllLines(SyntheticCtw.ensureDefault(dir))).hasSize(SyntheticCtw.DEFAULT_COUNT);
        assertThat(Files.readString(dir.resolve(".complete"))).endsWith(" v" + SyntheticCtw.GENERATOR_VERSION);
    }

    private static void assertSortedKeys(JsonNode node) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                keys.add(it.next());
            }
            assertThat(keys).isSorted();
            node.forEach(SyntheticCtwTest::assertSortedKeys);
        } else if (node.isArray()) {
            node.forEach(SyntheticCtwTest::assertSortedKeys);
        }
    }
}

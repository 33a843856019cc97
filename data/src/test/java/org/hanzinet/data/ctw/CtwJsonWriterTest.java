package org.hanzinet.data.ctw;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.hanzinet.data.testing.RectsCtw;
import org.junit.jupiter.api.Test;

class CtwJsonWriterTest {
    @Test
    void reproducesTheRealFileByteForByte() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(RectsCtw.folder().resolve("annotations.jsonl"));
        assertThat(lines).hasSize(5);
        for (String line : lines) {
            JsonNode root = json.readTree(line);
            List<List<CtwCharacter>> sentences = new ArrayList<>();
            for (JsonNode s : root.get("annotations")) {
                List<CtwCharacter> chars = new ArrayList<>();
                for (JsonNode c : s) {
                    JsonNode b = c.get("adjusted_bbox");
                    List<String> attrs = new ArrayList<>();
                    c.get("attributes").forEach(a -> attrs.add(a.asText()));
                    chars.add(new CtwCharacter(CtwRecordParser.polygon(c.get("polygon"), "p"),
                            new BoundingBox(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble()),
                            c.get("is_chinese").asBoolean(), c.get("text").asText(), attrs));
                }
                sentences.add(chars);
            }
            List<IgnoreRegion> ignores = new ArrayList<>();
            for (JsonNode r : root.get("ignore")) {
                JsonNode b = r.get("bbox");
                ignores.add(new IgnoreRegion(new BoundingBox(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(),
                        b.get(3).asDouble()), CtwRecordParser.polygon(r.get("polygon"), "p")));
            }
            String written = CtwJsonWriter.line(root.get("image_id").asText(), root.get("file_name").asText(),
                    root.get("width").asInt(), root.get("height").asInt(), sentences, ignores);
            assertThat(written).isEqualTo(line);
        }
    }

    @Test
    void numbersAndStringsAreWrittenAsPythonWritesThem() {
        assertThat(CtwJsonWriter.number(25)).isEqualTo("25.0");
        assertThat(CtwJsonWriter.number(0.1)).isEqualTo("0.1");
        assertThat(CtwJsonWriter.number(-0.0)).isEqualTo("0.0");
        assertThat(CtwJsonWriter.number(140.56649)).isEqualTo("140.566");
        assertThat(CtwJsonWriter.number(1e-4)).isEqualTo("0.0");
        StringBuilder sb = new StringBuilder();
        CtwJsonWriter.string(sb, "\u9171A\"\\\n\u007f\ud840\udc00");
        assertThat(sb.toString()).isEqualTo("\"\\u9171A\\\"\\\\\\n\\u007f\\ud840\\udc00\"");
    }

    @Test
    void adjustedBboxUsesThePointsAtOneAndTwoThirdsOfEachEdge() {
        // A diamond: the 1/3, 2/3 points span [1/3, 2/3] of the width, not the whole.
        Polygon diamond = Polygon.of(3, 0, 6, 3, 3, 6, 0, 3);
        BoundingBox b = CtwJsonWriter.adjustedBbox(diamond);
        assertThat(b.x()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(b.w()).isEqualTo(4.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(CtwJsonWriter.adjustedBbox(Polygon.rectangle(69, 94, 161, 143))).isEqualTo(new BoundingBox(69, 94, 161, 143));
    }
}

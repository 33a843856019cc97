package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.hanzinet.core.Tensor;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.data.ctw.CtwReadOptions;
import org.hanzinet.data.ctw.CtwReader;
import org.hanzinet.data.eval.CharacterDetection;
import org.hanzinet.data.eval.DetectionScore;
import org.hanzinet.data.mask.Masks;
import org.hanzinet.data.testing.RectsCtw;
import org.hanzinet.examples.eval.PhotoEvaluation;
import org.hanzinet.examples.eval.PhotoMetrics;
import org.hanzinet.examples.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate --all}'s scoring on the five real ReCTS photos, with predictors whose scores are known. */
class PhotoEvaluationTest {
    @TempDir
    Path out;

    private static List<CtwImage> records() {
        return CtwReader.readAll(RectsCtw.folder().resolve("annotations.jsonl"), CtwReadOptions.defaults());
    }

    @Test
    void aPredictorThatReturnsTheGroundTruthScoresOne() throws Exception {
        Deque<CtwImage> expected = new ArrayDeque<>(records());
        PhotoEvaluation.Result r = PhotoEvaluation.run(RectsCtw.folder(), photo -> {
            CtwImage img = expected.removeFirst();
            assertThat(photo.shape()).containsExactly(3, img.height(), img.width());
            return Masks.characters(img, img.width(), img.height());
        }, out, 2);
        PhotoMetrics m = r.metrics();
        assertThat(m.photos()).isEqualTo(5);
        assertThat(m.pixels().precision()).isEqualTo(1.0);
        assertThat(m.pixels().recall()).isEqualTo(1.0);
        assertThat(m.pixels().iou()).isEqualTo(1.0);
        // The ground truth itself does not decode into one component per character: ReCTS character boxes
        // along a line touch or overlap, so neighbours merge. Plain components find 36 of 82 characters alone
        // (the 11 merged blobs match none); cutting elongated components into square pieces at their weakest
        // columns (the evaluation's decoding) finds 73 of 82, with 3 pieces matching nothing.
        PhotoMetrics.CharacterScores all = m.characters("all");
        assertThat(List.of(all.truePositives(), all.falsePositives(), all.falseNegatives())).containsExactly(73L, 3L, 9L);
        assertThat(all.recall()).isEqualTo(73.0 / 82);
        CharacterDetection plain = new CharacterDetection(CharacterDetection.Config.defaults());
        for (CtwImage img : records()) {
            plain.add(img, Masks.characters(img, img.width(), img.height()).data(), 0);
        }
        assertThat(plain.result().all()).isEqualTo(new DetectionScore(36, 11, 46));
        assertThat(m.characters("16-32").truePositives()).isEqualTo(2);
        assertThat(m.characters("<16").falseNegatives()).isZero();
        assertThat(r.overlays()).hasSize(2);
        assertThat(out.resolve("overlays").resolve(r.overlays().get(0))).isNotEmptyFile();
        assertThat(Json.read(out.resolve("metrics.json"), PhotoMetrics.class)).isEqualTo(m);
        assertThat(Files.readString(out.resolve("report.md"))).contains("recall").contains("overlays/" + r.overlays().get(1));
    }

    @Test
    void aPredictorThatFindsNothingHasRecallZeroInEveryBucket() throws Exception {
        PhotoMetrics m = PhotoEvaluation.run(RectsCtw.folder(),
                photo -> Tensor.zeros(1, photo.size(1), photo.size(2)), out, 0).metrics();
        assertThat(m.pixels().recall()).isZero();
        for (String size : List.of("all", "<16", "16-32", ">=32")) {
            assertThat(m.characters(size).truePositives()).isZero();
            assertThat(m.characters(size).falsePositives()).isZero();
        }
        assertThat(m.characters("all").falseNegatives()).isEqualTo(82);
        assertThat(m.characters("all").recall()).isZero();
        StringWriter s = new StringWriter();
        m.print(new PrintWriter(s));
        assertThat(s.toString()).contains("5 photos").contains(">=32").contains("82");
    }

    @Test
    void aPredictorOfTheWrongSizeIsNamed() {
        assertThatThrownBy(() -> PhotoEvaluation.run(RectsCtw.folder(), photo -> Tensor.zeros(1, 8, 8), out, 0))
                .hasMessageContaining("train_ReCTS_000001.jpg").hasMessageContaining("[1, 8, 8]");
    }
}

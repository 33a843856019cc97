package org.hanzinet.data.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.hanzinet.data.ctw.BoundingBox;
import org.hanzinet.data.ctw.CtwCharacter;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.data.ctw.IgnoreRegion;
import org.hanzinet.data.ctw.Polygon;
import org.hanzinet.data.mask.Masks;
import org.junit.jupiter.api.Test;

class CharacterDetectionTest {
    private static final int W = 120;
    private static final int H = 80;

    private static CtwCharacter square(double x, double y, double s) {
        return new CtwCharacter(Polygon.rectangle(x, y, s, s), new BoundingBox(x, y, s, s), true, "字", List.of());
    }

    /** Characters of longer side 10 (small), 20 (medium), 40 (large); an ignore region at the right. */
    private static CtwImage image() {
        List<CtwCharacter> chars = List.of(square(5, 5, 10), square(25, 5, 20), square(5, 35, 40));
        Polygon ign = Polygon.rectangle(90, 0, 30, 80);
        return new CtwImage("t", "t.png", W, H, chars, List.of(new IgnoreRegion(BoundingBox.of(ign), ign)));
    }

    private static float[] truthMap(CtwImage image) {
        float[] m = new float[W * H];
        Masks.fillCharacters(image, m, 0, W, H);
        return m;
    }

    private static void box(float[] m, int x, int y, int w, int h, float v) {
        for (int j = y; j < y + h; j++) {
            java.util.Arrays.fill(m, j * W + x, j * W + x + w, v);
        }
    }

    @Test
    void theGroundTruthMaskScoresOneEverywhere() {
        CtwImage img = image();
        DetectionMetrics m = new CharacterDetection(CharacterDetection.Config.defaults()).add(img, truthMap(img), 0);
        assertThat(m.all()).isEqualTo(new DetectionScore(3, 0, 0));
        assertThat(m.all().precision()).isEqualTo(1.0);
        assertThat(m.all().recall()).isEqualTo(1.0);
        assertThat(m.all().f()).isEqualTo(1.0);
        for (SizeBucket b : SizeBucket.values()) {
            assertThat(m.of(b)).isEqualTo(new DetectionScore(1, 0, 0));
        }
    }

    @Test
    void blobsInsideIgnoreRegionsAreNotFalsePositivesButOthersAre() {
        CtwImage img = image();
        float[] p = truthMap(img);
        box(p, 95, 10, 20, 20, 0.9f); // inside the ignore region: left out
        box(p, 60, 10, 6, 6, 0.9f); // a small false detection
        box(p, 84, 50, 10, 10, 0.9f); // 40% inside the ignore region: counted, small
        CharacterDetection det = new CharacterDetection(CharacterDetection.Config.defaults());
        DetectionMetrics m = det.add(img, p, 0);
        assertThat(m.all()).isEqualTo(new DetectionScore(3, 2, 0));
        assertThat(m.of(SizeBucket.SMALL)).isEqualTo(new DetectionScore(1, 2, 0));
        assertThat(m.all().precision()).isEqualTo(0.6);
    }

    @Test
    void aMatchNeedsIouOfOneHalfAndIsOneToOne() {
        CtwImage img = image();
        float[] p = new float[W * H];
        box(p, 5, 5, 10, 5, 0.9f); // half the small character: IoU 0.5 exactly, matched
        box(p, 25, 5, 20, 9, 0.9f); // 9/20 of the medium one: IoU 0.45, a miss and a false positive
        box(p, 5, 35, 40, 40, 0.9f); // the large one...
        box(p, 45, 35, 3, 1, 0.9f); // ...with a 3-pixel tail: still IoU > 0.5
        DetectionMetrics m = new CharacterDetection(CharacterDetection.Config.defaults()).add(img, p, 0);
        assertThat(m.of(SizeBucket.SMALL)).isEqualTo(new DetectionScore(1, 0, 0));
        assertThat(m.of(SizeBucket.MEDIUM)).isEqualTo(new DetectionScore(0, 1, 1));
        assertThat(m.of(SizeBucket.LARGE)).isEqualTo(new DetectionScore(1, 0, 0));
    }

    @Test
    void twoCharactersMergedIntoOneComponentGiveAtMostOneMatch() {
        List<CtwCharacter> chars = new ArrayList<>(List.of(square(10, 10, 20), square(31, 10, 2)));
        CtwImage img = new CtwImage("m", "m.png", W, H, chars, List.of());
        float[] p = new float[W * H];
        box(p, 10, 10, 23, 20, 0.9f); // covers both: IoU 400/460 with the first, 4/460 with the second
        CharacterDetection det = new CharacterDetection(CharacterDetection.Config.defaults());
        det.add(img, p, 0);
        det.add(img, p, 0);
        assertThat(det.result().all()).isEqualTo(new DetectionScore(2, 0, 2));
        assertThat(det.result().all().recall()).isEqualTo(0.5);
    }

    @Test
    void sizeBucketsFollowCtw() {
        assertThat(SizeBucket.of(15.99)).isEqualTo(SizeBucket.SMALL);
        assertThat(SizeBucket.of(16)).isEqualTo(SizeBucket.MEDIUM);
        assertThat(SizeBucket.of(31.9)).isEqualTo(SizeBucket.MEDIUM);
        assertThat(SizeBucket.of(32)).isEqualTo(SizeBucket.LARGE);
        assertThatThrownBy(() -> SizeBucket.of(Double.NaN)).hasMessageContaining("NaN");
    }

    @Test
    void configRefusesBadValuesNamingThem() {
        assertThatThrownBy(() -> new CharacterDetection.Config(0.5, 0, 0.5)).hasMessageContaining("minIou 0.0");
        assertThatThrownBy(() -> new CharacterDetection.Config(1.5, 0.5, 0.5)).hasMessageContaining("threshold 1.5");
    }
}

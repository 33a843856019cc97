package org.hanzinet.data.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.data.mask.Masks;
import org.hanzinet.data.testing.ArrayAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CtwDatasetTest {
    @TempDir
    Path dir;

    @Test
    void perImageSamplesHoldTheUnionMaskAndTheIgnoreMask() {
        List<CtwImage> imgs = TinyCtw.write(dir, 3, 24, 18);
        CtwDataset ds = new CtwDataset(dir, imgs, DatasetOptions.defaults());
        assertThat(ds.size()).isEqualTo(3);
        Sample s = ds.get(2);
        assertThat(s.id()).isEqualTo("img002");
        assertThat(s.image().shape()).containsExactly(3, 18, 24);
        ArrayAssert.assertSameFloats("s.mask().toArray()", s.mask().toArray(), Masks.characters(imgs.get(2), 24, 18).toArray());
        assertThat(s.mask().sum()).isEqualTo(3 * 4 * 4);
        assertThat(s.ignore().sum()).isEqualTo(9);
        // The white squares are exactly where the mask is.
        for (int y = 0; y < 18; y++) {
            for (int x = 0; x < 24; x++) {
                assertThat(s.image().get(1, y, x) == 1f).as("%d,%d", x, y).isEqualTo(s.mask().get(0, y, x) == 1f);
            }
        }
    }

    @Test
    void perPolygonGroupingGivesOneSamplePerCharacter() {
        List<CtwImage> imgs = TinyCtw.write(dir, 3, 24, 18); // 1 + 2 + 3 characters
        CtwDataset ds = new CtwDataset(dir, imgs, DatasetOptions.defaults().withGrouping(Grouping.PER_POLYGON).withCacheBytes(1 << 20));
        assertThat(ds.size()).isEqualTo(6);
        assertThat(ds.id(3)).isEqualTo("img002#0");
        Sample s = ds.get(4);
        assertThat(s.mask().sum()).isEqualTo(16);
        ArrayAssert.assertSameFloats("s.image().toArray()", s.image().toArray(), ds.get(3).image().toArray());
        assertThat(ds.cachedBytes()).as("one image decoded once for its 3 samples").isEqualTo(24L * 18 * 3);
    }

    @Test
    void staticFillFromDecodedPixelsEqualsGetAndAnnotationsSurviveJavaSerialization() throws Exception {
        List<CtwImage> imgs = TinyCtw.write(dir, 2, 48, 36);
        DatasetOptions opts = DatasetOptions.defaults().withSize(12, 9);
        Sample s = new CtwDataset(dir, imgs, opts).get(1);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(imgs.get(1));
        }
        CtwImage shipped;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            shipped = (CtwImage) in.readObject();
        }
        org.hanzinet.core.Tensor image = org.hanzinet.core.Tensor.zeros(3, 9, 12);
        org.hanzinet.core.Tensor mask = org.hanzinet.core.Tensor.zeros(1, 9, 12);
        org.hanzinet.core.Tensor ignore = org.hanzinet.core.Tensor.zeros(1, 9, 12);
        CtwDataset.fill(shipped, org.hanzinet.data.image.ImageDecoder.decode(dir.resolve(shipped.fileName())), opts,
                image, mask, ignore);
        assertThat(image.toArray()).containsExactly(s.image().toArray());
        assertThat(mask.toArray()).containsExactly(s.mask().toArray());
        assertThat(ignore.toArray()).containsExactly(s.ignore().toArray());
        assertThat(mask.sum()).isPositive();
    }

    @Test
    void resizesImagesAndPolygonsTogether() {
        List<CtwImage> imgs = TinyCtw.write(dir, 2, 48, 36);
        Sample s = new CtwDataset(dir, imgs, DatasetOptions.defaults().withSize(12, 9)).get(1);
        assertThat(s.image().shape()).containsExactly(3, 9, 12);
        assertThat(s.mask().shape()).containsExactly(1, 9, 12);
        assertThat(s.mask().sum()).isGreaterThan(0);
        // A pixel whose centre is in a (2-pixel wide) square is at least a quarter covered by white.
        double in = 0;
        double out = 0;
        for (int y = 0; y < 9; y++) {
            for (int x = 0; x < 12; x++) {
                float g = s.image().get(1, y, x);
                if (s.mask().get(0, y, x) == 1f) {
                    assertThat(g).as("masked pixel %d,%d is bright", x, y).isGreaterThan(0.35f);
                    in += g;
                } else {
                    out += g;
                }
            }
        }
        assertThat(in / s.mask().sum()).isGreaterThan(out / (108 - s.mask().sum()) + 0.3);
    }

    @Test
    void emptyAnnotationListGivesAnEmptyMask() {
        CtwImage full = TinyCtw.write(dir, 1, 10, 10).get(0);
        CtwImage empty = new CtwImage(full.imageId(), full.fileName(), 10, 10, List.of(), List.of());
        Sample s = new CtwDataset(dir, List.of(empty), DatasetOptions.defaults()).get(0);
        assertThat(s.mask().sum()).isZero();
        assertThat(new CtwDataset(dir, List.of(empty), DatasetOptions.defaults().withGrouping(Grouping.PER_POLYGON)).size()).isZero();
    }

    @Test
    void missingFileAndWrongDeclaredSizeNameTheImage() throws Exception {
        List<CtwImage> imgs = TinyCtw.write(dir, 2, 10, 10);
        Files.delete(dir.resolve("img001.png"));
        CtwDataset ds = new CtwDataset(dir, imgs, DatasetOptions.defaults());
        assertThatThrownBy(() -> ds.get(1)).isInstanceOf(DataLoadException.class)
                .hasMessageContaining("sample 1 (img001)").hasMessageContaining("img001.png").hasMessageContaining("not found");
        CtwImage wrong = new CtwImage("img000", "img000.png", 2048, 2048, List.of(), List.of());
        assertThatThrownBy(() -> new CtwDataset(dir, List.of(wrong), DatasetOptions.defaults().withSize(8, 8)).get(0))
                .isInstanceOf(DataLoadException.class).hasMessageContaining("declared size 2048x2048 differs from the real size 10x10");
    }

    @Test
    void coordinatesOutsideTheImageAreClipped() {
        CtwImage base = TinyCtw.write(dir, 1, 10, 10).get(0);
        var outside = new org.hanzinet.data.ctw.CtwCharacter(org.hanzinet.data.ctw.Polygon.of(-5, -5, 30, -5, 30, 2, -5, 2),
                null, true, "\u4e00", List.of());
        CtwImage img = new CtwImage(base.imageId(), base.fileName(), 10, 10, List.of(outside), List.of());
        assertThat(new CtwDataset(dir, List.of(img), DatasetOptions.defaults()).get(0).mask().sum()).isEqualTo(20);
    }

    @Test
    void cacheStaysWithinItsBudget() {
        List<CtwImage> imgs = TinyCtw.write(dir, 6, 20, 20);
        long oneImage = 20 * 20 * 3;
        CtwDataset ds = new CtwDataset(dir, imgs, DatasetOptions.defaults().withCacheBytes(2 * oneImage + 1));
        for (int i = 0; i < 6; i++) {
            ds.get(i);
            assertThat(ds.cachedBytes()).isLessThanOrEqualTo(2 * oneImage);
        }
        assertThat(ds.cachedBytes()).isEqualTo(2 * oneImage);
    }

    @Test
    void splitsFollowTheSeedAndShuffleBySeed() {
        List<Integer> items = java.util.stream.IntStream.range(0, 51).boxed().toList();
        Split<Integer> s = Split.seedSplit(items);
        assertThat(s.train()).hasSize(35).startsWith(0, 1).endsWith(34);
        assertThat(s.validation()).hasSize(5).startsWith(35);
        assertThat(s.test()).hasSize(11).endsWith(50);
        Split<Integer> a = Split.shuffled(items, 0.7, 0.1, 7);
        assertThat(a).isEqualTo(Split.shuffled(items, 0.7, 0.1, 7));
        assertThat(a.train()).isNotEqualTo(s.train());
        assertThat(a.train().size() + a.validation().size() + a.test().size()).isEqualTo(51);
        assertThat(new java.util.HashSet<>(concat(a))).hasSize(51);
        assertThatThrownBy(() -> Split.inOrder(items, 0.8, 0.3)).hasMessageContaining("0.8");
    }

    private static List<Integer> concat(Split<Integer> s) {
        List<Integer> all = new java.util.ArrayList<>(s.train());
        all.addAll(s.validation());
        all.addAll(s.test());
        return all;
    }
}

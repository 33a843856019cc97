package org.hanzinet.data.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.hanzinet.core.Rng;
import org.hanzinet.data.dataset.Sample;
import org.hanzinet.data.testing.ArrayAssert;
import org.junit.jupiter.api.Test;

class PhotometricAugmentTest {
    private static final List<Augmentation> PHOTOMETRIC = List.of(new ColorJitter(0.8, 0.8, 0.8, 0.5),
            new GaussianBlur(0.5, 3), new GaussianNoise(0.1, 0.3), new JpegCompression(5, 60));

    @Test
    void imageChangesWithinRangeAndMasksStay() {
        Sample in = Samples.marked(40, 30, 5, 5, 20, 20, 25, 2, 38, 12);
        for (Augmentation op : PHOTOMETRIC) {
            Sample out = op.apply(in, new Rng(4));
            assertThat(out.image().shape()).as(op.toString()).containsExactly(3, 30, 40);
            float[] img = out.image().toArray();
            for (float v : img) {
                assertThat(v).as(op.toString()).isBetween(0f, 1f);
            }
            assertThat(img).as(op + " changed the image").isNotEqualTo(in.image().toArray());
            ArrayAssert.assertSameFloats(op + " mask", out.mask().toArray(), in.mask().toArray());
            ArrayAssert.assertSameFloats(op + " ignore", out.ignore().toArray(), in.ignore().toArray());
        }
    }

    @Test
    void brightnessAloneScalesEveryValueByOneFactor() {
        Sample in = Samples.flat(8, 8, 0.2f, 0.4f, 0.3f);
        float[] out = new ColorJitter(0.5, 0, 0, 0).apply(in, new Rng(11)).image().toArray();
        double f = out[0] / 0.2;
        assertThat(f).isBetween(0.5, 1.5).isNotCloseTo(1.0, offset(1e-3));
        assertThat(out[64]).isCloseTo((float) (0.4 * f), offset(1e-5f));
        assertThat(out[128]).isCloseTo((float) (0.3 * f), offset(1e-5f));
    }

    @Test
    void greyHasNoSaturationOrHueToChange() {
        Sample in = Samples.flat(5, 5, 0.6f, 0.6f, 0.6f);
        float[] out = new ColorJitter(0, 0, 0.9, 0.5).apply(in, new Rng(2)).image().toArray();
        for (float v : out) {
            assertThat(v).isCloseTo(0.6f, offset(1e-6f));
        }
    }

    @Test
    void hueTurnsRedToGreenByAThird() {
        float[] rgb = {1, 0, 0};
        HueShift.apply(rgb, 1, 1.0 / 3);
        assertThat(rgb[0]).isCloseTo(0f, offset(1e-6f));
        assertThat(rgb[1]).isCloseTo(1f, offset(1e-6f));
        assertThat(rgb[2]).isCloseTo(0f, offset(1e-6f));
        float[] back = {0.2f, 0.7f, 0.4f};
        HueShift.apply(back, 1, 0.25);
        HueShift.apply(back, 1, -0.25);
        assertThat(back).containsExactly(new float[] {0.2f, 0.7f, 0.4f}, offset(1e-6f));
    }

    @Test
    void blurSpreadsAPointAndKeepsItsMass() {
        assertThat(sum(GaussianBlur.kernel(1.7))).isCloseTo(1.0, offset(1e-6));
        Sample in = Samples.flat(21, 21, 0, 0, 0);
        in.image().set(1f, 0, 10, 10);
        Sample out = new GaussianBlur(1, 1).apply(in, new Rng(0));
        float[] red = out.image().slice(0).toArray();
        assertThat(sum(red)).isCloseTo(1.0, offset(1e-5));
        assertThat(out.image().get(0, 10, 10)).isBetween(0.1f, 0.2f); // 1 / (2 pi sigma^2) = 0.159
        assertThat(out.image().get(0, 10, 11)).isGreaterThan(out.image().get(0, 10, 12)).isPositive();
    }

    @Test
    void noiseHasTheAskedStandardDeviation() {
        Sample in = Samples.flat(64, 64, 0.5f, 0.5f, 0.5f);
        float[] out = new GaussianNoise(0.05, 0.05).apply(in, new Rng(6)).image().toArray();
        double ss = 0;
        for (float v : out) {
            ss += (v - 0.5) * (v - 0.5);
        }
        assertThat(Math.sqrt(ss / out.length)).isCloseTo(0.05, offset(0.003));
    }

    @Test
    void lowerJpegQualityLosesMore() {
        Sample in = Samples.textured(48, 40);
        double high = meanAbsDiff(in, new JpegCompression(95, 95).apply(in, new Rng(0)));
        double low = meanAbsDiff(in, new JpegCompression(5, 5).apply(in, new Rng(0)));
        assertThat(low).isGreaterThan(1.5 * high);
        // A flat colour survives a good JPEG: channels in the right order, values rescaled to [0, 1].
        Sample orange = Samples.flat(16, 16, 0.8f, 0.3f, 0.1f);
        double flat = meanAbsDiff(orange, new JpegCompression(95, 95).apply(orange, new Rng(0)));
        assertThat(flat).isLessThan(0.01);
    }

    @Test
    void badParametersAreOneLineNamingFieldAndValue() {
        assertThatThrownBy(() -> new ColorJitter(0.1, 0.1, 0.1, 0.7))
                .hasMessage("ColorJitter.hue must be in [0, 0.5], got 0.7");
        assertThatThrownBy(() -> new ColorJitter(-1, 0, 0, 0))
                .hasMessage("ColorJitter.brightness must be in [0, 10], got -1");
        assertThatThrownBy(() -> new GaussianBlur(2, 1)).hasMessage("GaussianBlur sigma: min 2 must not exceed max 1");
        assertThatThrownBy(() -> new GaussianNoise(0, 2)).hasMessage("GaussianNoise.maxSigma must be in [0, 1], got 2");
        assertThatThrownBy(() -> new JpegCompression(0, 90))
                .hasMessage("JpegCompression.minQuality must be in [1, 100], got 0");
    }

    private static double sum(float[] a) {
        double s = 0;
        for (float v : a) {
            s += v;
        }
        return s;
    }

    private static double meanAbsDiff(Sample a, Sample b) {
        float[] x = a.image().toArray();
        float[] y = b.image().toArray();
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += Math.abs(x[i] - y[i]);
        }
        return s / x.length;
    }
}

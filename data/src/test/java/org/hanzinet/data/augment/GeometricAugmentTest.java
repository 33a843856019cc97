package org.hanzinet.data.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hanzinet.core.Rng;
import org.hanzinet.data.dataset.Sample;
import org.hanzinet.data.testing.ArrayAssert;
import org.junit.jupiter.api.Test;

class GeometricAugmentTest {
    private static final List<Augmentation> GEOMETRIC = List.of(
            new RandomScaleCrop(40, 36, 0.5, 2.0), new RandomRotation(25), new RandomPerspective(0.4), new HorizontalFlip());

    @Test
    void masksMoveWithTheImage() {
        Sample in = Samples.marked(64, 48, 10, 12, 30, 32, 36, 6, 58, 20);
        for (Augmentation op : GEOMETRIC) {
            for (int seed = 0; seed < 8; seed++) {
                Sample out = op.apply(in, new Rng(seed));
                float[] img = out.image().toArray();
                float[] mask = out.mask().toArray();
                float[] ignore = out.ignore().toArray();
                int n = mask.length;
                boolean[] drawnSquare = new boolean[n];
                boolean[] drawnIgnore = new boolean[n];
                for (int i = 0; i < n; i++) {
                    drawnSquare[i] = img[i] > 0.5f;
                    drawnIgnore[i] = img[n + i] > 0.5f || img[2 * n + i] < 0.125f; // inside the rectangle, or padding
                    assertThat(mask[i]).as("mask values").isIn(0f, 1f);
                    assertThat(ignore[i]).as("ignore values").isIn(0f, 1f);
                }
                String what = op + " seed " + seed;
                assertAligned(what + " mask", drawnSquare, mask);
                assertAligned(what + " ignore", drawnIgnore, ignore);
            }
        }
    }

    /** The thresholded channel and the mask cover the same pixels up to the edge (IoU >= 0.85). */
    private static void assertAligned(String what, boolean[] drawn, float[] mask) {
        int both = 0;
        int either = 0;
        for (int i = 0; i < mask.length; i++) {
            boolean m = mask[i] > 0.5f;
            both += drawn[i] && m ? 1 : 0;
            either += drawn[i] || m ? 1 : 0;
        }
        if (either > 0) {
            assertThat((double) both / either).as(what + " IoU of drawn pixels and mask").isGreaterThanOrEqualTo(0.85);
        }
    }

    @Test
    void scaleCropGivesTheAskedShapeFromAnyInput() {
        Sample in = Samples.marked(70, 30, 5, 5, 15, 15, 0, 0, 0, 0);
        Sample out = new RandomScaleCrop(48, 32, 0.5, 2).apply(in, new Rng(3));
        assertThat(out.image().shape()).containsExactly(3, 32, 48);
        assertThat(out.mask().shape()).containsExactly(1, 32, 48);
        assertThat(out.ignore().shape()).containsExactly(1, 32, 48);
    }

    @Test
    void scaleTwoDoublesTheSquareAndHalfPadsAndIgnoresTheRest() {
        Sample in = Samples.marked(32, 32, 12, 12, 20, 20, 0, 0, 0, 0);
        Sample big = new RandomScaleCrop(64, 64, 2, 2).apply(in, new Rng(1));
        assertThat(big.mask().sum()).isEqualTo(16 * 16);
        assertThat(big.ignore().sum()).isZero();
        Sample small = new RandomScaleCrop(64, 64, 0.5, 0.5).apply(in, new Rng(1));
        assertThat(small.mask().sum()).isEqualTo(4 * 4);
        assertThat(small.ignore().sum()).as("padding is ignored").isEqualTo(64 * 64 - 16 * 16);
        assertThat(small.image().max()).as("shrinking keeps the square bright").isGreaterThan(0.9f);
    }

    @Test
    void zeroRotationAndZeroPerspectiveLeaveTheSampleAsItIs() {
        Sample in = Samples.textured(33, 17);
        for (Augmentation op : List.of(new RandomRotation(0), new RandomPerspective(0))) {
            Sample out = op.apply(in, new Rng(9));
            float[] a = in.image().toArray();
            float[] b = out.image().toArray();
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).as(op + " value " + i).isCloseTo(a[i], org.assertj.core.data.Offset.offset(1e-5f));
            }
            assertThat(out.ignore().sum()).isZero();
        }
    }

    @Test
    void flipMirrorsEveryPlaneAndTwiceIsIdentity() {
        Sample in = Samples.marked(7, 3, 0, 0, 2, 3, 6, 0, 7, 1);
        Sample once = new HorizontalFlip().apply(in, new Rng(0));
        assertThat(once.mask().get(0, 1, 6)).isEqualTo(1f);
        assertThat(once.mask().get(0, 1, 0)).isEqualTo(0f);
        assertThat(once.ignore().get(0, 0, 0)).isEqualTo(1f);
        assertThat(once.image().get(0, 2, 5)).isEqualTo(1f);
        Sample twice = new HorizontalFlip().apply(once, new Rng(0));
        ArrayAssert.assertSameFloats("image", twice.image().toArray(), in.image().toArray());
        ArrayAssert.assertSameFloats("mask", twice.mask().toArray(), in.mask().toArray());
    }

    @Test
    void badParametersAreOneLineNamingFieldAndValue() {
        assertThatThrownBy(() -> new RandomScaleCrop(0, 10, 1, 1))
                .hasMessage("RandomScaleCrop.width must be in [1, 32768], got 0");
        assertThatThrownBy(() -> new RandomScaleCrop(10, 10, 2, 1))
                .hasMessage("RandomScaleCrop scale: min 2 must not exceed max 1");
        assertThatThrownBy(() -> new RandomRotation(Double.NaN))
                .hasMessage("RandomRotation.maxDegrees must be in [0, 180], got NaN");
        assertThatThrownBy(() -> new RandomPerspective(1.5))
                .hasMessage("RandomPerspective.distortion must be in [0, 1], got 1.5");
    }
}

package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.examples.unet.Segmenter;
import org.hanzinet.examples.unet.UNetConfig;
import org.hanzinet.nn.Module;
import org.junit.jupiter.api.Test;

/** The U-Net on photos of any size: odd sizes, resized sides merged by maximum, and tiles beyond 1024 px. */
class SegmenterTest {
    private static UNetConfig config(List<Integer> sides) {
        return new UNetConfig(UNetConfig.MODEL, List.of(4, 8, 16), 128, 16, 4, 4, 1, 64, 4, 1, 1e-3, 0, 3, 1, sides, 7, 1);
    }

    private static Segmenter segmenter(List<Integer> sides) {
        Module model = config(sides).network().build(new Rng(3));
        return new Segmenter(model, config(sides));
    }

    private static Tensor photo(int h, int w) {
        return Tensor.zeros(3, h, w).uniform(new Rng(h * 31L + w), 0f, 1f);
    }

    @Test
    void anOddSizedPhotoGetsAProbabilityForEachOfItsPixels() {
        for (List<Integer> sides : List.of(List.of(0), List.of(24), List.of(0, 24, 100))) {
            Tensor p = segmenter(sides).probabilities(photo(37, 53));
            assertThat(p.shape()).as("sides " + sides).containsExactly(1, 37, 53);
            for (float v : p.data()) {
                assertThat(v).isBetween(0f, 1f);
            }
        }
    }

    @Test
    void severalSidesMergeByTheMaximum() {
        Tensor photo = photo(40, 64);
        Tensor own = segmenter(List.of(0)).probabilities(photo);
        Tensor small = segmenter(List.of(32)).probabilities(photo);
        Tensor both = segmenter(List.of(0, 32)).probabilities(photo);
        for (int i = 0; i < own.numel(); i++) {
            assertThat(both.getFlat(i)).isEqualTo(Math.max(own.getFlat(i), small.getFlat(i)));
        }
    }

    @Test
    void aPhotoWiderThanOneTileRunsTileByTile() {
        Tensor p = segmenter(List.of(0)).probabilities(photo(20, 1300));
        assertThat(p.shape()).containsExactly(1, 20, 1300);
    }

    @Test
    void inferenceSidesBelowTheStrideAreRefused() {
        assertThatThrownBy(() -> config(List.of(2))).hasMessageContaining("--sides").hasMessageContaining("[2]");
    }
}

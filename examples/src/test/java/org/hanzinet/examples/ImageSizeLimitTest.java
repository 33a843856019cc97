package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hanzinet.examples.config.ImageSizeLimit;
import org.hanzinet.examples.config.ModelKind;
import org.junit.jupiter.api.Test;

class ImageSizeLimitTest {
    @Test
    void theSeedSizeFitsAndTheLimitIsTheLastSizeWhoseTensorsFitAnArray() {
        for (ModelKind m : ModelKind.values()) {
            assertThatCode(() -> ImageSizeLimit.check(m, 2048, m.defaultBatchSize())).doesNotThrowAnyException();
            int max = ImageSizeLimit.largestSize(m, m.defaultBatchSize());
            assertThatCode(() -> ImageSizeLimit.check(m, max, m.defaultBatchSize())).doesNotThrowAnyException();
            assertThatThrownBy(() -> ImageSizeLimit.check(m, max + 1, m.defaultBatchSize()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is " + max);
        }
        // Model 1: fc1 holds 253 x 16 a^2 weights, a = ((S - 4) / 2 - 4) / 2; a = 728 is the last that fits.
        assertThat(ImageSizeLimit.largestSize(ModelKind.MODEL1, 5)).isEqualTo(2927);
        // Model 2 at batch 3: layer2's output [3, 128, S/2, S/2] is the first to overflow.
        assertThatThrownBy(() -> ImageSizeLimit.check(ModelKind.MODEL2, 8192, 3))
                .hasMessageContaining("layer2's output [3, 128, 4096, 4096] would hold 6,442,450,944 elements");
    }
}

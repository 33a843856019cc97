package org.hanzinet.nn.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.hanzinet.core.Tensor;
import org.junit.jupiter.api.Test;

class MultiScaleTest {
    private final FullResolution runner =
            new FullResolution(FullResolutionTest.smallNet(), new FullResolution.Config(4, 32, 4, 0f));

    @Test
    void meanAndMaxCombineTheSingleScaleOutputs() {
        Tensor x = FullResolutionTest.photo(30, 22);
        float[] one = new MultiScale(runner, List.of(1.0), MultiScale.Merge.MAX).predict(x).toArray();
        float[] half = new MultiScale(runner, List.of(0.5), MultiScale.Merge.MAX).predict(x).toArray();
        float[] mean = new MultiScale(runner, List.of(1.0, 0.5), MultiScale.Merge.MEAN).predict(x).toArray();
        float[] max = new MultiScale(runner, List.of(0.5, 1.0), MultiScale.Merge.MAX).predict(x).toArray();
        assertThat(one).hasSize(2 * 30 * 22);
        assertThat(half).hasSize(one.length);
        boolean differs = false;
        for (int i = 0; i < one.length; i++) {
            assertThat(mean[i]).isCloseTo((one[i] + half[i]) / 2, within(1e-5f));
            assertThat(max[i]).isEqualTo(Math.max(one[i], half[i]));
            differs |= Math.abs(one[i] - half[i]) > 1e-3;
        }
        assertThat(differs).as("scale 0.5 changes the output").isTrue();
    }

    @Test
    void scaleOneIsThePlainFullResolutionRun() {
        Tensor x = FullResolutionTest.photo(11, 7);
        assertThat(new MultiScale(runner, List.of(1.0), MultiScale.Merge.MEAN).predict(x).toArray())
                .containsExactly(runner.predict(x).toArray());
    }

    @Test
    void badScalesAreRefused() {
        assertThatThrownBy(() -> new MultiScale(runner, List.of(1.0, 0.0), MultiScale.Merge.MAX))
                .hasMessageContaining("scale 0.0");
        assertThatThrownBy(() -> new MultiScale(runner, List.of(), MultiScale.Merge.MAX)).hasMessageContaining("no scales");
    }
}

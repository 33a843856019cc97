package org.hanzinet.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.hanzinet.nn.layers.Conv2d;
import org.hanzinet.nn.layers.Linear;
import org.junit.jupiter.api.Test;

/** Layers built without an Rng: PyTorch's default ranges, reproducible after DefaultRng.seed. */
class DefaultRngTest {

    @Test
    void seededDefaultGivesTheSameWeightsAgainAndPyTorchsRanges() {
        DefaultRng.seed(7);
        Conv2d a = new Conv2d(3, 4, 3, 1, 1, true);
        Linear la = new Linear(10, 2, true);
        DefaultRng.seed(7);
        Conv2d b = new Conv2d(3, 4, 3, 1, 1, true);
        Linear lb = new Linear(new Linear.Config(10, 2, true));
        assertThat(b.weight().value().toArray()).containsExactly(a.weight().value().toArray());
        assertThat(lb.weight().value().toArray()).containsExactly(la.weight().value().toArray());
        assertThat(new Conv2d(3, 4, 3, 1, 1, true).weight().value().toArray()).isNotEqualTo(a.weight().value().toArray());
        // kaiming_uniform(a=sqrt(5)) on fan_in 27 gives bound 1/sqrt(27); the bias the same
        double bound = 1 / Math.sqrt(27);
        for (float v : a.weight().value().toArray()) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo((float) bound);
        }
        for (float v : a.bias().value().toArray()) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo((float) bound);
        }
    }
}

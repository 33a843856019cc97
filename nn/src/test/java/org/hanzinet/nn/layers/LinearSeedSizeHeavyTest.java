package org.hanzinet.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.optim.SGD;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Heavy: model 1's Linear(4,145,296 -> 253) at batch 5 with SGD momentum 0.9, the largest memory user of
 * the reference models (weight, gradient and momentum 3 x 4.2 GB). After the first step, whose buffers
 * (momentum, input gradient) are allocated once, a training step must allocate no further memory of
 * any size that matters. Needs about 14 GB of heap (the heavy profile gives 20). The input size can be
 * lowered with {@code -Dhanzinet.linear.in=...} to try the test on a small machine.
 */
@EnabledIfSystemProperty(named = "hanzinet.heavy", matches = "true")
@DisplayName("heavy: model 1 Linear at seed size trains with SGD without per-step allocation")
class LinearSeedSizeHeavyTest {
    private static final System.Logger LOG = System.getLogger(LinearSeedSizeHeavyTest.class.getName());

    /** Bytes allocated so far by all live threads (the loops run on pool threads). */
    private static long allocated() {
        com.sun.management.ThreadMXBean b = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long v : b.getThreadAllocatedBytes(b.getAllThreadIds())) {
            sum += Math.max(v, 0);
        }
        return sum;
    }

    @Test
    @DisplayName("heavy: Linear(4145296 -> 253), batch 5, SGD momentum: steady steps allocate < 16 MB")
    void steadyStateStepAllocatesNothingLarge() {
        int in = Integer.getInteger("hanzinet.linear.in", 4_145_296);
        Rng rng = new Rng(1);
        Linear lin = new Linear(in, 253, true, rng);
        Tensor x = Tensor.zeros(5, in).uniform(rng, 0f, 1f);
        Tensor dy = Tensor.zeros(5, 253).uniform(rng, -1e-3f, 1e-3f);
        SGD sgd = new SGD(lin.namedParameters(), 0.005, 0.9, 0, false);
        float w0 = lin.weight().value().getFlat(in - 1);
        long[] bytes = new long[3];
        for (int step = 0; step < 3; step++) {
            long a0 = allocated();
            long t0 = System.nanoTime();
            sgd.zeroGrad();
            lin.forward(x);
            long t1 = System.nanoTime();
            lin.backward(dy);
            long t2 = System.nanoTime();
            sgd.step();
            long t3 = System.nanoTime();
            bytes[step] = allocated() - a0;
            LOG.log(System.Logger.Level.INFO, "step " + step + ": forward " + (t1 - t0) / 1_000_000 + " ms, backward "
                    + (t2 - t1) / 1_000_000 + " ms, SGD step " + (t3 - t2) / 1_000_000 + " ms, allocated "
                    + bytes[step] / 1_000_000 + " MB");
        }
        assertThat(lin.weight().value().getFlat(in - 1)).as("the weights moved").isNotEqualTo(w0);
        assertThat(bytes[1]).as("bytes allocated by the second step").isLessThan(16L << 20);
        assertThat(bytes[2]).as("bytes allocated by the third step").isLessThan(16L << 20);
    }
}

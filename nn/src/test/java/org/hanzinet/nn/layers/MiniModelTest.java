package org.hanzinet.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Sequential;
import org.hanzinet.nn.loss.BCELoss;
import org.hanzinet.nn.optim.Adam;
import org.hanzinet.nn.optim.Optimizer;
import org.hanzinet.nn.optim.SGD;
import org.hanzinet.nn.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Model 1's tail at toy size (pool, flatten, Linear-ReLU-Linear-Sigmoid, nearest 1-D up-sampling, BCE):
 * the layers chained through {@link Sequential}, checked end to end and trained a few steps.
 */
class MiniModelTest extends HanzinetTestBase {

    /** [N, L] -> [N, 1, L], the unsqueeze the seed applies before nn.Upsample. */
    private static final class Unsqueeze1 extends Module {
        private int[] shape;

        @Override
        public Tensor forward(Tensor input) {
            shape = input.shape();
            return input.reshape(shape[0], 1, shape[1]);
        }

        @Override
        public Tensor backward(Tensor gradOutput) {
            return gradOutput.reshape(shape);
        }
    }

    private Sequential model() {
        return new Sequential(new MaxPool2d(2, 2), new Flatten(), new Linear(3 * 4 * 4, 16, true, rng), new ReLU(),
                new Linear(16, 8, true, rng), new Sigmoid(), new Unsqueeze1(), new UpsampleNearest1d(100));
    }

    @Test
    void parameterNamesFollowPyTorch() {
        assertThat(model().namedParameters().keySet())
                .containsExactly("2.weight", "2.bias", "4.weight", "4.bias");
    }

    @Test
    void gradientCheckThroughTheWholeChain() {
        Sequential m = model();
        Tensor x;
        do {
            x = windowsWithoutTies();
        } while (minAbsHiddenPreActivation(m, x) < 0.05);
        GradientCheck.check(m, x, rng);
    }

    /** [2, 3, 8, 8] where each 2x2 pooling window holds base + {0, 0.1, 0.2, 0.3} in random order. */
    private Tensor windowsWithoutTies() {
        Tensor x = Tensor.zeros(2, 3, 8, 8);
        for (int p = 0; p < 6; p++) {
            for (int r = 0; r < 8; r += 2) {
                for (int c = 0; c < 8; c += 2) {
                    float base = rng.uniform(-1f, 1f);
                    int shift = rng.nextInt(4);
                    for (int k = 0; k < 4; k++) {
                        x.setFlat(p * 64 + (r + k / 2) * 8 + c + k % 2, base + 0.1f * ((k + shift) % 4));
                    }
                }
            }
        }
        return x;
    }

    /**
     * Smallest |z| over the inputs of the ReLU: a probe of step eps moves z by at most eps * |x| < 0.05 here,
     * so inputs with every |z| >= 0.05 keep the central differences off the kink.
     */
    private static double minAbsHiddenPreActivation(Sequential m, Tensor x) {
        Tensor z = x;
        for (int i = 0; i < 3; i++) {
            z = m.layers().get(i).forward(z);
        }
        double min = Double.MAX_VALUE;
        for (int i = 0; i < z.numel(); i++) {
            min = Math.min(min, Math.abs(z.getFlat(i)));
        }
        return min;
    }

    @Test
    void sgdAndAdamReduceTheLossOnAFixedBatch() {
        Tensor x = randomTensor(4, 3, 8, 8);
        Tensor mask = Tensor.zeros(4, 1, 100);
        for (int i = 0; i < mask.numel(); i++) {
            mask.setFlat(i, (i % 100) < 30 + 10 * (i / 100) ? 1f : 0f);
        }
        for (Function<Sequential, Optimizer> make : java.util.List.<Function<Sequential, Optimizer>>of(
                m -> new SGD(m.namedParameters(), 0.5, 0.9, 0, false),
                m -> new Adam(m.namedParameters(), Adam.Config.defaults(0.01)))) {
            Sequential m = model();
            Optimizer opt = make.apply(m);
            BCELoss loss = new BCELoss();
            float first = 0;
            float last = 0;
            for (int step = 0; step < 40; step++) {
                opt.zeroGrad();
                last = loss.forward(m.forward(x), mask);
                first = step == 0 ? last : first;
                m.backward(loss.backward());
                opt.step();
            }
            assertThat(last).as("%s: loss after 40 steps vs first %s", opt.getClass().getSimpleName(), first)
                    .isLessThan(0.5f * first);
        }
    }
}

package org.hanzinet.nn.parity;

import com.fasterxml.jackson.databind.JsonNode;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.layers.BatchNorm2d;
import org.hanzinet.nn.layers.LeakyReLU;
import org.hanzinet.nn.layers.Tanh;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * BatchNorm2d, LeakyReLU and Tanh against PyTorch 1.13 (fixtures of make_norm_fixtures.py), parity
 * error at most 1e-4. A BatchNorm fixture is a sequence of train and eval steps on one module: each
 * step's output, input gradient, parameter gradients and the running statistics and step count after it.
 */
class NormParityTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"batchnorm2d_train_train_eval", "batchnorm2d_eval", "batchnorm2d_n1", "batchnorm2d_c1",
        "batchnorm2d_7x5", "batchnorm2d_hw1", "batchnorm2d_no_affine", "batchnorm2d_no_tracking",
        "batchnorm2d_cumulative", "batchnorm2d_offset", "batchnorm2d_large"})
    void batchNormMatchesPyTorchStepByStep(String fixture) {
        ParityFixture fx = ParityFixture.load(fixture);
        JsonNode c = fx.config();
        boolean affine = c.get("affine").asBoolean();
        boolean track = c.get("track_running_stats").asBoolean();
        Double momentum = c.get("momentum").isNull() ? null : c.get("momentum").asDouble();
        BatchNorm2d bn = new BatchNorm2d(new BatchNorm2d.Config(c.get("num_features").asInt(), c.get("eps").asDouble(),
                momentum, affine, track));
        if (affine) {
            bn.weight().value().copyFrom(fx.tensor("weight"));
            bn.bias().value().copyFrom(fx.tensor("bias"));
        }
        double tol = ParityFixture.TOLERANCE;
        int k = 1;
        for (JsonNode mode : c.get("steps")) {
            if (track) { // start from PyTorch's state (compared after the previous step): at mean 300 one ulp of
                // running_mean moves an eval output by 1e-4 of its scale, so each step is checked on its own
                bn.runningMean().copyFrom(fx.tensor("running_mean." + (k - 1)));
                bn.runningVar().copyFrom(fx.tensor("running_var." + (k - 1)));
            }
            bn.train(mode.asText().equals("train"));
            bn.zeroGrad();
            fx.assertClose("output." + k, bn.forward(input(fx, "input." + k, (float) c.get("offset").asDouble())), tol);
            fx.assertClose("grad_input." + k, bn.backward(fx.tensor("grad_output." + k)), tol);
            if (affine) {
                fx.assertClose("grad_weight." + k, bn.weight().grad(), tol);
                fx.assertClose("grad_bias." + k, bn.bias().grad(), tol);
            }
            if (track) {
                fx.assertClose("running_mean." + k, bn.runningMean(), tol);
                fx.assertClose("running_var." + k, bn.runningVar(), tol);
                fx.assertClose("num_batches_tracked." + k, Tensor.of(new float[] {bn.numBatchesTracked()}, 1), 0);
            }
            k++;
        }
    }

    /**
     * A stored input as is; a generated one (too large to store) is the shared generator's values plus
     * the fixture's offset, added in float32 as the script adds it.
     */
    private static Tensor input(ParityFixture fx, String name, float offset) {
        Tensor x = fx.tensor(name);
        return fx.hasExpected(name) ? x : x.map(v -> v + offset);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"leaky_relu", "leaky_relu_02"})
    void leakyReluMatchesPyTorch(String fixture) {
        ParityFixture fx = ParityFixture.load(fixture);
        LayerParityTest.checkLayer(fx, new LeakyReLU((float) fx.config().get("negative_slope").asDouble()),
                ParityFixture.TOLERANCE);
    }

    @Test
    void tanhMatchesPyTorch() {
        LayerParityTest.checkLayer(ParityFixture.load("tanh"), new Tanh(), ParityFixture.TOLERANCE);
    }
}

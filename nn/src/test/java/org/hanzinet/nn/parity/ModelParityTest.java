package org.hanzinet.nn.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Parameter;
import org.hanzinet.nn.Sequential;
import org.hanzinet.nn.layers.Conv2d;
import org.hanzinet.nn.layers.Flatten;
import org.hanzinet.nn.layers.Linear;
import org.hanzinet.nn.layers.MaxPool2d;
import org.hanzinet.nn.layers.ReLU;
import org.hanzinet.nn.layers.Sigmoid;
import org.hanzinet.nn.layers.UpsampleNearest1d;
import org.hanzinet.nn.loss.BCELoss;
import org.hanzinet.nn.optim.Adam;
import org.hanzinet.nn.optim.Optimizer;
import org.hanzinet.nn.optim.SGD;
import org.junit.jupiter.api.Test;

/**
 * Both reference models at input 3 x 128 x 128, assembled here from the layers: one forward, BCE
 * against a 0/1 mask after nearest 1-D up-sampling to 128*128, backward, and one optimiser step, all
 * against PyTorch (probabilities, loss, input gradient, every parameter gradient, every updated
 * parameter; the largest tensors on a 2,048-element sample). Parity error <= 1e-4.
 */
class ModelParityTest {
    static final int SIZE = 128;

    @Test
    void model1ChineseCharSgdStepMatchesPyTorch() {
        ParityFixture fx = ParityFixture.load("model1_step");
        Rng rng = new Rng(1);
        Sequential net = new Sequential()
                .add("layer1", block(3, 3, 0))
                .add("layer2", block(3, 16, 0))
                .add("flatten", new Flatten())
                .add("fc1", new Linear(16 * 29 * 29, 253, true, rng)).add("relu1", new ReLU())
                .add("fc2", new Linear(253, 120, true, rng)).add("relu2", new ReLU())
                .add("fc3", new Linear(120, 64, true, rng)).add("sigmoid", new Sigmoid());
        SGD sgd = new SGD(net.namedParameters(), 0.005, 0.9, 0.0, false);
        stepAndCompare(fx, net, sgd, 64);
    }

    @Test
    void model2ConvNetAdamStepMatchesPyTorch() {
        ParityFixture fx = ParityFixture.load("model2_step");
        Sequential net = new Sequential()
                .add("layer1", block(3, 3, 2))
                .add("layer2", block(3, 128, 2))
                .add("layer3", block(128, 64, 2))
                .add("layer4", block(64, 32, 2))
                .add("flatten", new Flatten())
                .add("dropout", new GivenMaskDropout(fx.tensor("dropout_mask"), 0.5f))
                .add("fc", new Linear(32 * 8 * 8, 20, true, new Rng(2))).add("sigmoid", new Sigmoid());
        Adam adam = new Adam(net.namedParameters(), 0.001, 0.9, 0.999, 1e-8, 0.0);
        stepAndCompare(fx, net, adam, 20);
    }

    /** layerK = [Conv2d(k 5), ReLU, MaxPool2d(2)], named as the examples name them. */
    private static Module block(int in, int out, int padding) {
        return new Sequential(new Conv2d(in, out, 5, 1, padding, true, new Rng(3)), new ReLU(), new MaxPool2d(2, 2));
    }

    private static void stepAndCompare(ParityFixture fx, Module net, Optimizer opt, int outputs) {
        Map<String, Parameter> params = net.namedParameters();
        params.forEach((n, p) -> p.value().copyFrom(fx.tensor(n))); // fails when a name differs from PyTorch's
        Tensor x = fx.tensor("input");
        Tensor target = fx.tensor("target");
        int n = x.size(0);

        Tensor probs = net.forward(x).reshape(n, 1, outputs); // [N, outputs] -> [N, 1, L]
        fx.assertClose("probs", probs, ParityFixture.TOLERANCE);
        UpsampleNearest1d up = new UpsampleNearest1d(SIZE * SIZE);
        BCELoss bce = new BCELoss();
        float loss = bce.forward(up.forward(probs), target); // [N, 1, L] -> [N, 1, 128*128]
        fx.assertClose("loss", Tensor.of(new float[] {loss}, 1), ParityFixture.TOLERANCE);

        net.zeroGrad();
        Tensor gradProbs = up.backward(bce.backward()).reshape(n, outputs);
        Tensor gradInput = net.backward(gradProbs);
        fx.assertClose("grad_input", gradInput, ParityFixture.TOLERANCE);
        params.forEach((name, p) -> fx.assertClose("grad." + name, p.grad(), ParityFixture.TOLERANCE));

        opt.step();
        params.forEach((name, p) -> fx.assertClose("updated." + name, p.value(), ParityFixture.TOLERANCE));
        assertThat(params).isNotEmpty();
    }
}

package org.hanzinet.nn.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Parameter;
import org.hanzinet.nn.SequentialConfig;
import org.hanzinet.nn.checkpoint.Checkpoint;
import org.hanzinet.nn.graph.GraphConfig;
import org.hanzinet.nn.layers.BatchNorm2d;
import org.hanzinet.nn.layers.Concat;
import org.hanzinet.nn.layers.Conv2d;
import org.hanzinet.nn.layers.MaxPool2d;
import org.hanzinet.nn.layers.ReLU;
import org.hanzinet.nn.layers.UpsampleBilinear2d;
import org.hanzinet.nn.loss.BCEWithLogitsLoss;
import org.hanzinet.nn.optim.Adam;
import org.junit.jupiter.api.Test;

/**
 * The small U-Net of issue 10 against PyTorch ({@code make_graph_fixtures.py}, {@code UNet}): 4 levels of
 * widths 4-8-16-32, blocks conv3x3-BatchNorm-ReLU twice, max-pool down, bilinear up + cat skips, 1x1 head,
 * on [2, 3, 32, 32]. In training and in evaluation mode: logits, BCE-with-logits loss, input gradient,
 * every parameter gradient, the running statistics after the forward and every parameter after one Adam
 * step (from the same gradients), within 1e-4. And a state_dict written by PyTorch loads by name and
 * predicts the same.
 */
class UNetParityTest {
    static final int[] WIDTHS = {4, 8, 16, 32};
    static final int SIZE = 32;

    /** conv1, bn1, relu1, conv2, bn2, relu2: PyTorch's {@code nn.Sequential(OrderedDict(...))} names; no conv bias before a BatchNorm. */
    static SequentialConfig block(int in, int out) {
        return new SequentialConfig(java.util.List.of())
                .then("conv1", new Conv2d.Config(in, out, 3, 1, 1, false)).then("bn1", new BatchNorm2d.Config(out))
                .then("relu1", new ReLU.Config())
                .then("conv2", new Conv2d.Config(out, out, 3, 1, 1, false)).then("bn2", new BatchNorm2d.Config(out))
                .then("relu2", new ReLU.Config());
    }

    /** down.0..3 with pools between, then per level up: up-sample to the skip's size, cat [up, skip], up.j; head. */
    static GraphConfig unet(int[] w, int size) {
        GraphConfig.Builder g = GraphConfig.builder("image");
        String x = "image";
        for (int i = 0; i < w.length; i++) {
            if (i > 0) {
                x = add(g, "pool" + i, new MaxPool2d.Config(2, 2), x);
            }
            x = add(g, "down." + i, block(i == 0 ? 3 : w[i - 1], w[i]), x);
        }
        for (int i = w.length - 2, j = 0; i >= 0; i--, j++) {
            x = add(g, "upsample" + j, new UpsampleBilinear2d.Config(size >> i, size >> i), x);
            g.add("cat" + j, new Concat.Config(), x, "down." + i);
            x = add(g, "up." + j, block(w[i + 1] + w[i], w[i]), "cat" + j);
        }
        return g.add("head", new Conv2d.Config(w[0], 1, 1, 1, 0, true), x).build("head");
    }

    private static String add(GraphConfig.Builder g, String name, org.hanzinet.nn.LayerConfig layer, String input) {
        g.add(name, layer, input);
        return name;
    }

    @Test
    void trainingStepMatchesPyTorch() {
        stepAndCompare("unet_train", true);
    }

    @Test
    void evaluationStepMatchesPyTorch() {
        stepAndCompare("unet_eval", false);
    }

    private static void stepAndCompare(String fixture, boolean train) {
        ParityFixture init = ParityFixture.load("unet_train");
        ParityFixture fx = ParityFixture.load(fixture);
        Module net = unet(WIDTHS, SIZE).build(new Rng(1));
        net.stateDict().forEach((n, t) -> {
            if (!n.endsWith("num_batches_tracked")) {
                t.copyFrom(init.tensor(n)); // fails when a name differs from PyTorch's
            }
        });
        net.train(train);
        Map<String, Parameter> params = net.namedParameters();
        Adam adam = new Adam(params, 1e-3, 0.9, 0.999, 1e-8, 0);
        BCEWithLogitsLoss bce = new BCEWithLogitsLoss();

        Tensor logits = net.forward(fx.tensor("input"));
        fx.assertClose("output", logits, ParityFixture.TOLERANCE);
        float loss = bce.forward(logits, fx.tensor("target"));
        fx.assertClose("loss", Tensor.of(new float[] {loss}, 1), ParityFixture.TOLERANCE);
        net.zeroGrad();
        fx.assertClose("grad_input", net.backward(bce.backward()), ParityFixture.TOLERANCE);
        params.forEach((n, p) -> fx.assertClose("grad." + n, p.grad(), ParityFixture.TOLERANCE));
        net.namedBuffers().forEach((n, b) -> fx.assertClose("after." + n, b, ParityFixture.TOLERANCE));
        // The step starts from PyTorch's gradients (equal to ours within 1e-4, checked above): Adam's first step,
        // lr * g / (|g| + eps), magnifies a gradient difference up to lr / eps = 1e5 times where |g| is near eps
        // (one weight of down.3.conv1 has |g| = 9e-9), which would compare rounding noise, not the step.
        params.forEach((n, p) -> p.grad().copyFrom(fx.expected("grad." + n)));
        adam.step();
        params.forEach((n, p) -> fx.assertClose("updated." + n, p.value(), ParityFixture.TOLERANCE));
        assertThat(params).hasSize(7 * 6 + 2); // 7 blocks x (2 conv weights + 2 BN weights and biases) + the head
    }

    @Test
    void aStateDictWrittenByPyTorchLoadsByNameAndPredictsTheSame() throws IOException {
        Module net = unet(WIDTHS, SIZE).build(new Rng(1));
        Checkpoint.load(ParityFixture.path("unet_state_dict"), net, null);
        net.eval();
        ParityFixture io = ParityFixture.load("unet_state_dict_io");
        io.assertClose("output", net.forward(io.tensor("input")), ParityFixture.TOLERANCE);
    }
}

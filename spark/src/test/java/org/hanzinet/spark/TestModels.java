package org.hanzinet.spark;

import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Sequential;
import org.hanzinet.nn.layers.Conv2d;
import org.hanzinet.nn.layers.Dropout;
import org.hanzinet.nn.layers.Flatten;
import org.hanzinet.nn.layers.Linear;
import org.hanzinet.nn.layers.MaxPool2d;
import org.hanzinet.nn.layers.ReLU;
import org.hanzinet.nn.layers.Sigmoid;
import org.hanzinet.nn.layers.UpsampleBilinear2d;

/**
 * The networks of the Spark tests, built from nn layers (the spark module does not depend on the
 * examples application).
 */
final class TestModels {
    private TestModels() {}

    /**
     * The examples' model 2 ("ConvNet") with its 2-D head, layer for layer: four conv 5x5 p2 + ReLU +
     * pool 2 stages (3->3->128->64->32 channels), flatten, dropout 0.5, fc -> 20, Sigmoid, the 20 outputs
     * as a 4 x 5 grid up-sampled bilinearly to [N, 1, S, S].
     */
    static Module model2(int size, long seed) {
        Rng rng = new Rng(seed);
        int[][] channels = {{3, 3}, {3, 128}, {128, 64}, {64, 32}};
        Module[] layers = new Module[channels.length + 5];
        for (int i = 0; i < channels.length; i++) {
            layers[i] = new Sequential(new Conv2d(channels[i][0], channels[i][1], 5, 1, 2, true, rng), new ReLU(),
                    new MaxPool2d(2, 2));
        }
        int features = 32 * (size / 16) * (size / 16);
        layers[4] = new Flatten();
        layers[5] = new Dropout(0.5f, rng.split());
        layers[6] = new Linear(features, 20, true, rng);
        layers[7] = new Sigmoid();
        layers[8] = new GridHead(4, 5, new UpsampleBilinear2d(size, size));
        return new Sequential(layers);
    }

    /** A small network without dropout: conv 3->4, ReLU, conv 4->1, Sigmoid, [N, 3, S, S] -> [N, 1, S, S]. */
    static Module small(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential(new Conv2d(3, 4, 3, 1, 1, true, rng), new ReLU(), new Conv2d(4, 1, 3, 1, 1, true, rng),
                new Sigmoid());
    }

    /**
     * A small graph network (nn's GraphConfig): the image feeds two convolutions (their input gradients are
     * summed), an Add merges them, a 1x1 convolution and a Sigmoid give [N, 1, S, S].
     */
    static Module graph(long seed) {
        return org.hanzinet.nn.graph.GraphConfig.builder("image")
                .add("a", new Conv2d.Config(3, 4, 3, 1, 1, true), "image")
                .add("relu", new ReLU.Config(), "a")
                .add("b", new Conv2d.Config(3, 4, 1, 1, 0, false), "image")
                .add("sum", new org.hanzinet.nn.layers.Add.Config(), "relu", "b")
                .add("head", new Conv2d.Config(4, 1, 1, 1, 0, true), "sum")
                .add("prob", new Sigmoid.Config(), "head")
                .build("prob").build(new Rng(seed));
    }

    /** {@code [N, gh*gw] -> [N, 1, gh, gw] -> upsample}: the reshape is a view, backward reshapes back. */
    static final class GridHead extends Module {
        private final int gh;
        private final int gw;
        private final Module up;

        GridHead(int gh, int gw, Module up) {
            this.gh = gh;
            this.gw = gw;
            this.up = registerModule("up", up);
        }

        @Override
        public Tensor forward(Tensor input) {
            return up.forward(input.reshape(input.size(0), 1, gh, gw));
        }

        @Override
        public Tensor backward(Tensor gradOutput) {
            Tensor g = up.backward(gradOutput);
            return g.reshape(g.size(0), gh * gw);
        }
    }
}

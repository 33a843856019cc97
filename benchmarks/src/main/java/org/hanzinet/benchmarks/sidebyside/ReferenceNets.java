package org.hanzinet.benchmarks.sidebyside;

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
import org.hanzinet.nn.layers.UpsampleNearest1d;

/**
 * The two reference models (seed/reference-models.md) assembled from the nn layers, with the seed's
 * 1-D nearest head, for an input {@code [N, 3, size, size]} -> probabilities {@code [N, 1, size*size]}.
 * Mirrors {@code Model1}/{@code Model2} of {@code benchmarks/python/torch_worker.py}.
 *
 * <p>Local to the benchmarks until the examples module's {@code ReferenceModels} lands on main.
 */
final class ReferenceNets {
    private ReferenceNets() {}

    static Module build(String model, int size, Rng rng) {
        return switch (model) {
            case "model1" -> model1(size, rng);
            case "model2" -> model2(size, rng);
            default -> throw new IllegalArgumentException("unknown model '" + model + "' (model1, model2)");
        };
    }

    /** ChineseChar: conv(3->3,k5) relu pool, conv(3->16,k5) relu pool, 3 Linears, 64 -> size^2. */
    static Module model1(int size, Rng rng) {
        int s = ((size - 4) / 2 - 4) / 2;
        return new Sequential(
                new Conv2d(3, 3, 5, 1, 0, true, rng), new ReLU(), new MaxPool2d(2, 2),
                new Conv2d(3, 16, 5, 1, 0, true, rng), new ReLU(), new MaxPool2d(2, 2), new Flatten(),
                new Linear(16 * s * s, 253, true, rng), new ReLU(),
                new Linear(253, 120, true, rng), new ReLU(),
                new Linear(120, 64, true, rng), new Sigmoid(),
                new AddChannel(), new UpsampleNearest1d(size * size));
    }

    /** ConvNet: 4 x (conv k5 p2, relu, pool), dropout 0.5, Linear to 20, 20 -> size^2. */
    static Module model2(int size, Rng rng) {
        Sequential net = new Sequential();
        int[][] chans = {{3, 3}, {3, 128}, {128, 64}, {64, 32}};
        for (int[] c : chans) {
            net.add(new Conv2d(c[0], c[1], 5, 1, 2, true, rng)).add(new ReLU()).add(new MaxPool2d(2, 2));
        }
        int s = size / 16;
        return net.add(new Flatten()).add(new Dropout(0.5f, rng.split()))
                .add(new Linear(32 * s * s, 20, true, rng)).add(new Sigmoid())
                .add(new AddChannel()).add(new UpsampleNearest1d(size * size));
    }

    /** {@code [N, L] -> [N, 1, L]} (a view), as PyTorch's {@code unsqueeze(1)} before the 1-D up-sampling. */
    static final class AddChannel extends Module {
        @Override
        public Tensor forward(Tensor input) {
            return input.reshape(input.size(0), 1, input.size(1));
        }

        @Override
        public Tensor backward(Tensor gradOutput) {
            return gradOutput.reshape(gradOutput.size(0), gradOutput.size(2));
        }
    }
}

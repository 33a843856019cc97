package org.hanzinet.examples.model;

import java.util.List;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Shapes;
import org.hanzinet.nn.LayerConfig;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.SequentialConfig;
import org.hanzinet.nn.layers.Conv2d;
import org.hanzinet.nn.layers.Dropout;
import org.hanzinet.nn.layers.Flatten;
import org.hanzinet.nn.layers.Linear;
import org.hanzinet.nn.layers.MaxPool2d;
import org.hanzinet.nn.layers.ReLU;
import org.hanzinet.nn.layers.Sigmoid;
import org.hanzinet.nn.layers.Unflatten;
import org.hanzinet.nn.layers.UpsampleBilinear2d;
import org.hanzinet.nn.layers.UpsampleNearest1d;

/**
 * The seed's two networks, exactly as described in {@code reference-models.md}, written once as configs
 * for a square image of any size: the first Linear layer's in_features are the flattened output shape of
 * the convolutions, inferred from the config. Both map images {@code [N, 3, S, S]} to probabilities
 * {@code [N, 1, S, S]}; the loss is computed outside.
 * <pre>
 * model 1 ("ChineseChar"), weight on the Linear layers:
 *   layer1: conv 3->3 k5, ReLU, pool 2 -> layer2: conv 3->16 k5, ReLU, pool 2 -> flatten
 *   -> fc1 (-> 253), ReLU -> fc2 (253 -> 120), ReLU -> fc3 (120 -> 64), Sigmoid -> head
 * model 2 ("ConvNet"), weight on the convolutions:
 *   layer1..layer4: conv k5 p2 (3->3->128->64->32), ReLU, pool 2 -> flatten, drop_out 0.5
 *   -> fc (-> 20), Sigmoid -> head
 * </pre>
 * Parameter names are PyTorch's: {@code layer1.0.weight}, {@code layer2.0.bias}, {@code fc1.weight} ...
 * (model 1) and {@code layer1..layer4}, {@code fc} (model 2), so checkpoints line up with the notebooks.
 * Built with one {@link Rng}, the layers draw their weights in that order (convolutions, then the
 * dropout's split, then the Linear layers).
 */
public final class ReferenceModels {
    /** Model 1's head: 64 outputs; the 2-D head arranges them 8 x 8. */
    public static final int MODEL1_OUTPUTS = 64;
    /** Model 2's head: 20 outputs; the 2-D head arranges them 4 x 5. */
    public static final int MODEL2_OUTPUTS = 20;

    private ReferenceModels() {}

    /** Model 1 ("ChineseChar"): 2 unpadded convolutions, 3 Linear layers; needs {@code imageSize >= 16}. */
    public static Module model1(int imageSize, Head head, Rng rng) {
        return model1Config(imageSize, head).build(rng);
    }

    /** Model 2 ("ConvNet"): 4 padded convolutions, dropout 0.5, one Linear; needs {@code imageSize >= 16}. */
    public static Module model2(int imageSize, Head head, Rng rng) {
        return model2Config(imageSize, head).build(rng);
    }

    /** Model 1 as data; see the class comment. */
    public static SequentialConfig model1Config(int imageSize, Head head) {
        SequentialConfig features = model1Convolutions(imageSize);
        int f = features(features, imageSize);
        return features
                .then("fc1", new Linear.Config(f, 253, true)).then("relu1", new ReLU.Config())
                .then("fc2", new Linear.Config(253, 120, true)).then("relu2", new ReLU.Config())
                .then("fc3", new Linear.Config(120, MODEL1_OUTPUTS, true)).then("sigmoid", new Sigmoid.Config())
                .then("head", head(head, MODEL1_OUTPUTS, 8, 8, imageSize));
    }

    /** Model 2 as data; see the class comment. */
    public static SequentialConfig model2Config(int imageSize, Head head) {
        SequentialConfig features = model2Convolutions(imageSize);
        int f = features(features, imageSize);
        return features
                .then("drop_out", new Dropout.Config(0.5f))
                .then("fc", new Linear.Config(f, MODEL2_OUTPUTS, true)).then("sigmoid", new Sigmoid.Config())
                .then("head", head(head, MODEL2_OUTPUTS, 4, 5, imageSize));
    }

    private static SequentialConfig model1Convolutions(int imageSize) {
        requireSize(imageSize);
        return new SequentialConfig(List.of()).then("layer1", stage(3, 3, 0)).then("layer2", stage(3, 16, 0))
                .then("flatten", new Flatten.Config());
    }

    private static SequentialConfig model2Convolutions(int imageSize) {
        requireSize(imageSize);
        int[] ch = {3, 3, 128, 64, 32};
        SequentialConfig s = new SequentialConfig(List.of());
        for (int i = 0; i < 4; i++) {
            s = s.then("layer" + (i + 1), stage(ch[i], ch[i + 1], 2));
        }
        return s.then("flatten", new Flatten.Config());
    }

    /**
     * layerK = [Conv2d(k 5, padding), ReLU, MaxPool2d(2)], named 0, 1, 2 as the notebooks' nn.Sequential. The
     * ReLU works in place on the conv's output (which the conv's backward does not read): the same values, one
     * [N, out, S, S] buffer fewer, 1.6 GB for model 2's second stage at 2048 px, batch 3.
     */
    private static SequentialConfig stage(int in, int out, int padding) {
        return SequentialConfig.of(new Conv2d.Config(in, out, 5, 1, padding, true), new ReLU.Config(true),
                new MaxPool2d.Config(2, 2));
    }

    /**
     * Brings K output probabilities to a per-pixel map, {@code [N, K] -> [N, 1, S, S]}, without parameters.
     * {@link Head#BANDS_1D}: {@code [N, K] -> [N, 1, K] -> nearest 1-D -> [N, 1, S*S] -> [N, 1, S, S]} (the
     * seed's {@code nn.Upsample(size=S*S)} on a 3-D tensor). {@link Head#GRID_2D}:
     * {@code [N, K] -> [N, 1, gh, gw] -> bilinear -> [N, 1, S, S]}. The reshapes are views.
     */
    static LayerConfig head(Head head, int k, int gridH, int gridW, int size) {
        if (head == Head.BANDS_1D) {
            return SequentialConfig.of(new Unflatten.Config(1, List.of(1, k)),
                    new UpsampleNearest1d.Config(Math.multiplyExact(size, size)), new Unflatten.Config(2, List.of(size, size)));
        }
        if (gridH * gridW != k) {
            throw new IllegalArgumentException("head grid " + gridH + "x" + gridW + " does not hold " + k + " outputs");
        }
        return SequentialConfig.of(new Unflatten.Config(1, List.of(1, gridH, gridW)), new UpsampleBilinear2d.Config(size, size));
    }

    /** Model 1's flattened feature count ({@code 16 a^2}, {@code a = ((S - 4) / 2 - 4) / 2}), from its config. */
    public static int model1Features(int imageSize) {
        return features(model1Convolutions(imageSize), imageSize);
    }

    /** Model 2's flattened feature count ({@code 32 (S / 16)^2}), from its config. */
    public static int model2Features(int imageSize) {
        return features(model2Convolutions(imageSize), imageSize);
    }

    /** Features per image after {@code convolutions} (which end in a Flatten) on {@code [1, 3, S, S]}. */
    private static int features(SequentialConfig convolutions, int imageSize) {
        return Shapes.numel(convolutions.outputShape(new int[] {1, 3, imageSize, imageSize}));
    }

    static void requireSize(int imageSize) {
        if (imageSize < 16) {
            throw new IllegalArgumentException("image size must be >= 16 for the reference models, got " + imageSize);
        }
    }
}

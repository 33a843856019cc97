package org.hanzinet.examples.model;

import org.hanzinet.core.Rng;
import org.hanzinet.nn.Module;

/**
 * The seed's two networks, exactly as described in {@code reference-models.md}, for a square image of any
 * size: the first Linear layer's in_features follow from {@code imageSize}. Both return probabilities
 * {@code [N, 1, S, S]} from images {@code [N, 3, S, S]}; the loss is computed outside.
 *
 * <p>Parameter names are PyTorch's: {@code layer1.0.weight}, {@code layer2.0.bias}, {@code fc1.weight} ...
 * (model 1) and {@code layer1..layer4}, {@code fc} (model 2), so checkpoints line up with the notebooks.
 */
public final class ReferenceModels {
    /** Model 1's head: 64 outputs; the 2-D head arranges them 8 x 8. */
    public static final int MODEL1_OUTPUTS = 64;
    /** Model 2's head: 20 outputs; the 2-D head arranges them 4 x 5. */
    public static final int MODEL2_OUTPUTS = 20;

    private ReferenceModels() {}

    /** Model 1 ("ChineseChar"): 2 unpadded convolutions, 3 Linear layers; needs {@code imageSize >= 16}. */
    public static Module model1(int imageSize, Head head, Rng rng) {
        return new ChineseCharNet(imageSize, head, rng);
    }

    /** Model 2 ("ConvNet"): 4 padded convolutions, dropout 0.5, one Linear; needs {@code imageSize >= 16}. */
    public static Module model2(int imageSize, Head head, Rng rng) {
        return new ConvNet(imageSize, head, rng);
    }

    /** Model 1's flattened feature count: {@code 16 * a * a} with {@code a = ((S - 4) / 2 - 4) / 2}. */
    public static int model1Features(int imageSize) {
        int a = model1FeatureSide(imageSize);
        return Math.multiplyExact(16, Math.multiplyExact(a, a));
    }

    static int model1FeatureSide(int imageSize) {
        requireSize(imageSize);
        return ((imageSize - 4) / 2 - 4) / 2;
    }

    /** Model 2's flattened feature count: {@code 32 * (S / 16)^2}. */
    public static int model2Features(int imageSize) {
        requireSize(imageSize);
        int a = imageSize / 16;
        return Math.multiplyExact(32, Math.multiplyExact(a, a));
    }

    static void requireSize(int imageSize) {
        if (imageSize < 16) {
            throw new IllegalArgumentException("image size must be >= 16 for the reference models, got " + imageSize);
        }
    }
}

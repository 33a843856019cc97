package org.hanzinet.core;

/**
 * PyTorch's default initialisers, so a freshly built layer has the same distribution as its PyTorch twin.
 */
public final class Init {
    private Init() {}

    /**
     * {@code torch.nn.init.kaiming_uniform_(w, a=sqrt(5))}, the default for Conv2d and Linear weights:
     * bound = gain * sqrt(3 / fanIn) with gain = sqrt(2 / (1 + a^2)) = sqrt(1/3), i.e. bound = 1/sqrt(fanIn).
     */
    public static Tensor kaimingUniform(Tensor weight, int fanIn, Rng rng) {
        requirePositive(fanIn);
        double a = Math.sqrt(5);
        double gain = Math.sqrt(2.0 / (1 + a * a));
        float bound = (float) (gain * Math.sqrt(3.0 / fanIn));
        return weight.uniform(rng, -bound, bound);
    }

    /** PyTorch's default bias initialiser: uniform in ±1/sqrt(fanIn). */
    public static Tensor biasUniform(Tensor bias, int fanIn, Rng rng) {
        requirePositive(fanIn);
        float bound = (float) (1.0 / Math.sqrt(fanIn));
        return bias.uniform(rng, -bound, bound);
    }

    private static void requirePositive(int fanIn) {
        if (fanIn <= 0) {
            throw new IllegalArgumentException("fan_in must be positive, got " + fanIn);
        }
    }
}

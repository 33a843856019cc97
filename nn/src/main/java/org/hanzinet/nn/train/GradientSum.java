package org.hanzinet.nn.train;

/**
 * What {@link TrainingStep#accumulate} adds for a (part of a) batch: the summed loss and the summed
 * loss weight (the number of non-ignored pixels). Parts from several workers add up; the mean loss of
 * the whole batch is {@code lossSum / weight}, the divisor {@link TrainingStep#apply} needs. Serializable:
 * cluster workers send it to the driver.
 */
public record GradientSum(double lossSum, double weight, int samples) implements java.io.Serializable {
    public static final GradientSum ZERO = new GradientSum(0, 0, 0);

    public GradientSum plus(GradientSum other) {
        return new GradientSum(lossSum + other.lossSum, weight + other.weight, samples + other.samples);
    }

    /** Mean loss per non-ignored pixel; NaN when nothing was counted. */
    public double meanLoss() {
        return weight == 0 ? Double.NaN : lossSum / weight;
    }
}

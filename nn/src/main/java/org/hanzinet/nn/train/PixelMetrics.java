package org.hanzinet.nn.train;

import org.hanzinet.core.Tensor;

/**
 * Accumulates test-set statistics of predicted probabilities against 0/1 masks, pixel by pixel, leaving
 * ignored pixels out: the confusion counts at a threshold, the mean binary cross-entropy (log clamped at
 * -100 as PyTorch's BCELoss does), and the seed's "accuracy" (see {@link #seedAccuracy()}).
 */
public final class PixelMetrics {
    private final double threshold;
    private long tp;
    private long fp;
    private long fn;
    private long tn;
    private double lossSum;
    private long seedBackground;
    private long seedDenominator;
    private int images;

    public PixelMetrics(double threshold) {
        this.threshold = threshold;
    }

    /**
     * Adds one batch. {@code probs}, {@code mask}, {@code ignore}: {@code [N, 1, H, W]}; ignore 1 = left out.
     */
    public void add(Tensor probs, Tensor mask, Tensor ignore) {
        int[] shape = probs.shape();
        mask.requireShape("metrics mask", shape);
        ignore.requireShape("metrics ignore", shape);
        float[] p = probs.data();
        float[] y = mask.data();
        float[] ig = ignore.data();
        int po = probs.offset();
        int yo = mask.offset();
        int io = ignore.offset();
        int n = probs.numel();
        for (int i = 0; i < n; i++) {
            boolean truth = y[yo + i] > 0.5f;
            if (!truth) {
                seedBackground++;
            }
            if (ig[io + i] > 0.5f) {
                continue;
            }
            double prob = p[po + i];
            boolean pred = prob > threshold;
            if (pred && truth) {
                tp++;
            } else if (pred) {
                fp++;
            } else if (truth) {
                fn++;
            } else {
                tn++;
            }
            lossSum -= truth ? Math.max(Math.log(prob), -100) : Math.max(Math.log1p(-prob), -100);
        }
        // The seed divided by 3 * H * W per image (the channel count of the input, not of the mask).
        seedDenominator += 3L * n;
        images += shape[0];
    }

    public Metrics result() {
        long counted = tp + fp + fn + tn;
        return new Metrics(images, counted, threshold, counted == 0 ? Double.NaN : lossSum / counted,
                ratio(tp + tn, counted), ratio(tp, tp + fp), ratio(tp, tp + fn),
                ratio(2 * tp, 2 * tp + fp + fn), ratio(tp, tp + fp + fn), seedAccuracy(),
                ratio(tp + fn, counted), tp, fp, fn, tn);
    }

    /**
     * The seed's figure: {@code argmax} over a size-1 dimension is always 0, so "correct" counted the
     * background pixels of the labels, divided by {@code 3 * H * W} per image: about a third of the
     * background fraction, whatever the model predicts.
     */
    public double seedAccuracy() {
        return ratio(seedBackground, seedDenominator);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }
}

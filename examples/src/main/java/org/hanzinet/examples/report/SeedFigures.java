package org.hanzinet.examples.report;

import org.hanzinet.examples.config.ModelKind;

/** What the seed's notebooks reported (reference-models.md), to put beside our numbers. */
public final class SeedFigures {
    private SeedFigures() {}

    /** Training loss per epoch as printed by the seed ({@code loss.item()} of each epoch's last batch). */
    public static double[] trainLosses(ModelKind m) {
        return m == ModelKind.MODEL1
                ? new double[] {0.5863, 0.2112, 0.0488, 0.0253, 0.0473, 0.0305, 0.0196, 0.0279, 0.0098, 0.0240}
                : new double[] {0.2862, 0.2463, 0.1856, 0.2763, 0.3473};
    }

    /** The test loss as the seed reported it. */
    public static String testLoss(ModelKind m) {
        return m == ModelKind.MODEL1 ? "0.015 - 0.084 (per batch)" : "0.072";
    }

    /** The seed's "accuracy" (not a pixel accuracy: see PixelMetrics#seedAccuracy). */
    public static double accuracy(ModelKind m) {
        return m == ModelKind.MODEL1 ? 0.33 : 0.17;
    }

    /** The sentence that goes with the seed's accuracy in every report. */
    public static final String ACCURACY_NOTE = "The seed's \"accuracy\" compared an arg-max over a size-1 channel "
            + "(always 0) with the labels and divided by 3 x H x W per image, so it counts background pixels over "
            + "three times the pixel count (about a third of the background fraction, whatever the model predicts), "
            + "while pixel accuracy compares the thresholded prediction with the mask on every non-ignored pixel.";
}

package org.hanzinet.examples.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.hanzinet.core.Tensor;
import org.hanzinet.examples.report.Png;
import org.hanzinet.examples.report.PredictionOverlay;
import org.hanzinet.nn.Module;

/**
 * Predicts one image and writes {@code <name>-probability.png} (grey, white = 1),
 * {@code <name>-mask.png} (thresholded) and {@code <name>-overlay.png} (ground truth outlined when known).
 */
public final class Prediction {
    private Prediction() {}

    /**
     * Returns the three files written.
     *
     * @param image  {@code [3, H, W]} RGB in [0, 1]
     * @param truth  {@code [1, H, W]} ground-truth mask, or null for a bare photo
     * @param ignore {@code [1, H, W]} ignored regions, or null
     */
    public static List<Path> write(Module model, Tensor image, Tensor truth, Tensor ignore, double threshold,
                                   Path outDir, String name) throws IOException {
        model.eval();
        Tensor probs = model.forward(image.reshape(1, 3, image.size(1), image.size(2))).slice(0).copy();
        return writeProbabilities(image, probs, truth, ignore, threshold, outDir, name);
    }

    /** As {@link #write}, for probabilities {@code [1, H, W]} already predicted for {@code image}. */
    public static List<Path> writeProbabilities(Tensor image, Tensor probs, Tensor truth, Tensor ignore,
                                                double threshold, Path outDir, String name) throws IOException {
        Tensor mask = probs.copy().map(p -> p > threshold ? 1f : 0f);
        Path prob = outDir.resolve(name + "-probability.png");
        Path bin = outDir.resolve(name + "-mask.png");
        Path overlay = outDir.resolve(name + "-overlay.png");
        Png.write(Png.fromGrey(probs), prob);
        Png.write(Png.fromGrey(mask), bin);
        Png.write(PredictionOverlay.render(image, probs, truth, ignore), overlay);
        return List.of(prob, bin, overlay);
    }
}

package org.hanzinet.examples.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.hanzinet.core.Tensor;
import org.hanzinet.examples.data.ImageSample;
import org.hanzinet.examples.report.Overlay;
import org.hanzinet.examples.report.Png;
import org.hanzinet.nn.Module;

/**
 * Predicts one image and writes {@code <name>-probability.png} (grey, white = 1),
 * {@code <name>-mask.png} (thresholded) and {@code <name>-overlay.png} (ground truth outlined when known).
 */
public final class Prediction {
    private Prediction() {}

    /** Returns the three files written. {@code sample.mask()} may be null (a bare photo). */
    public static List<Path> write(Module model, ImageSample sample, double threshold, Path outDir, String name)
            throws IOException {
        model.eval();
        int s = sample.image().size(1);
        Tensor probs = model.forward(sample.image().reshape(1, 3, s, sample.image().size(2))).slice(0).copy();
        Tensor mask = probs.copy().map(p -> p > threshold ? 1f : 0f);
        Path prob = outDir.resolve(name + "-probability.png");
        Path bin = outDir.resolve(name + "-mask.png");
        Path overlay = outDir.resolve(name + "-overlay.png");
        Png.write(Png.fromGrey(probs), prob);
        Png.write(Png.fromGrey(mask), bin);
        Png.write(Overlay.render(sample.image(), probs, sample.mask(), sample.ignore()), overlay);
        return List.of(prob, bin, overlay);
    }
}

package org.hanzinet.examples.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.hanzinet.core.Tensor;
import org.hanzinet.data.dataset.Batch;
import org.hanzinet.data.dataset.CtwDataset;
import org.hanzinet.data.dataset.DataLoader;
import org.hanzinet.examples.report.Json;
import org.hanzinet.examples.report.Png;
import org.hanzinet.examples.report.PredictionOverlay;
import org.hanzinet.examples.report.RunFolder;
import org.hanzinet.examples.train.Trainer;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.train.Metrics;
import org.hanzinet.nn.train.PixelMetrics;

/**
 * Runs a trained model over the test split in evaluation mode: metrics at threshold 0.5 with ignored
 * pixels left out ({@code metrics.json}), and overlay PNGs for the first test images.
 */
public final class Evaluation {
    /** Metrics and the overlay file names written under {@code overlays/}. */
    public record Result(Metrics metrics, List<String> overlays) {}

    private Evaluation() {}

    public static Result run(Module model, CtwDataset test, int batchSize, RunFolder folder, int overlays)
            throws IOException {
        if (test.size() == 0) {
            throw new IllegalArgumentException("the test split is empty: use more --images or smaller "
                    + "--train-fraction/--val-fraction");
        }
        model.eval();
        PixelMetrics acc = new PixelMetrics(0.5);
        List<String> written = new ArrayList<>();
        try (DataLoader.Epoch batches = new DataLoader(test, Trainer.evaluationOptions(batchSize)).epoch(0)) {
            for (int from = 0; batches.hasNext(); from += batchSize) {
                Batch b = batches.next();
                Tensor probs = model.forward(b.images());
                acc.add(probs, b.masks(), b.ignores());
                for (int i = 0; i < b.size() && from + i < overlays; i++) {
                    String name = String.format("%02d-%s.png", from + i, safe(b.ids().get(i)));
                    Png.write(PredictionOverlay.render(b.images().slice(i), probs.slice(i), b.masks().slice(i),
                            b.ignores().slice(i)), folder.overlays().resolve(name));
                    written.add(name);
                }
            }
        }
        Metrics m = acc.result();
        Json.write(folder.metrics(), m);
        return new Result(m, written);
    }

    /** A file-name-safe version of an image id. */
    public static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}

package org.hanzinet.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.examples.eval.Evaluation;
import org.hanzinet.examples.eval.PhotoEvaluation;
import org.hanzinet.examples.eval.PhotoMetrics;
import org.hanzinet.examples.report.Json;
import org.hanzinet.examples.report.RunFolder;
import org.hanzinet.examples.train.TrainingRun;
import org.hanzinet.examples.unet.UNetRuns;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.inference.FullResolution;

/**
 * {@code evaluate --all}: a model on every photo of a CTW folder at the photo's own resolution. A U-Net (a
 * run's, or the shipped one without {@code --run}) predicts at its inference sides and answers per pixel
 * of the photo. A reference model goes through {@link FullResolution} (padded to a multiple of 16, tiles of
 * 1024 with a 64-pixel margin beyond that), which only a fully convolutional model survives: the two
 * reference models, whose heads have a fixed size, are refused at the first photo with the model's own
 * shape message.
 */
final class AllPhotos {
    static final FullResolution.Config INFERENCE = new FullResolution.Config(16, 1024, 64, 0f);

    private AllPhotos() {}

    /**
     * Scores and prints; the report goes to {@code out/photos-<data name>/}, {@code out} defaulting to the run
     * folder, or {@code ./evaluation} for the shipped model.
     */
    static PhotoMetrics evaluate(Path run, Path data, int overlays, List<Integer> sides, Path outDir, PrintWriter out)
            throws Exception {
        if (data == null) {
            throw new IllegalArgumentException("evaluate --all: give the folder of photos to score with --data DIR");
        }
        Path name = data.toAbsolutePath().normalize().getFileName();
        String folderName = "photos-" + Evaluation.safe(name == null ? "data" : name.toString());
        PhotoEvaluation.Result r;
        if (run == null || UNetRuns.isUNet(RunFolder.existing(run))) {
            PhotoPredictor p = PhotoPredictor.of(run, sides);
            Path parent = outDir != null ? outDir : run != null ? run : Path.of("evaluation");
            out.println("Model: " + (run == null ? "the shipped U-Net" : run) + ", predicting at long sides "
                    + p.segmenter().config().inferenceSides() + " (0 = the photo's own)");
            r = PhotoEvaluation.run(data, p::probabilities, parent.resolve(folderName), overlays);
        } else {
            if (sides != null) {
                throw new IllegalArgumentException("--sides applies to U-Net runs; " + run + " holds a reference model");
            }
            RunFolder folder = RunFolder.existing(run);
            RunConfig cfg = Json.read(folder.config(), RunConfig.class);
            Parallel.setThreads(cfg.threads());
            Module model = TrainingRun.loadTrained(cfg, folder.checkpoint());
            model.eval();
            FullResolution runner = new FullResolution(model, INFERENCE);
            Path parent = outDir != null ? outDir : folder.dir();
            r = PhotoEvaluation.run(data, photo -> predict(runner, cfg, photo), parent.resolve(folderName), overlays);
        }
        r.metrics().print(out);
        out.println("Report: " + r.report());
        out.flush();
        return r.metrics();
    }

    private static Tensor predict(FullResolution runner, RunConfig cfg, Tensor photo) {
        try {
            return runner.predict(photo);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("evaluate --all: the run's model " + cfg.model().cliName() + " cannot run on a "
                    + photo.size(1) + "x" + photo.size(2) + " photo (--all needs a fully convolutional model): "
                    + e.getMessage(), e);
        }
    }
}

package org.hanzinet.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.examples.eval.PhotoEvaluation;
import org.hanzinet.examples.eval.Evaluation;
import org.hanzinet.examples.report.Json;
import org.hanzinet.examples.report.RunFolder;
import org.hanzinet.examples.train.RunCheckpoint;
import org.hanzinet.examples.train.TrainingRun;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.inference.FullResolution;

/**
 * {@code evaluate --all}: a trained run's model on every photo of a CTW folder at the photo's own
 * resolution, through {@link FullResolution} (padded to a multiple of 16, tiles of 1024 with a 64-pixel
 * margin beyond that). Only a fully convolutional model can do this; the two reference models, whose
 * heads have a fixed size, are refused at the first photo with the model's own shape message.
 */
final class AllPhotos {
    static final FullResolution.Config INFERENCE = new FullResolution.Config(16, 1024, 64, 0f);

    private AllPhotos() {}

    static int evaluate(Path run, Path data, int overlays, PrintWriter out) throws Exception {
        if (data == null) {
            throw new IllegalArgumentException("evaluate --all: give the folder of photos to score with --data DIR");
        }
        if (run == null) {
            throw new IllegalArgumentException("evaluate --all without --run would use the shipped model, and no "
                    + "trained model ships yet: pass --run RUN_DIR");
        }
        RunFolder folder = RunFolder.existing(run);
        RunConfig cfg = Json.read(folder.config(), RunConfig.class);
        Parallel.setThreads(cfg.threads());
        Module model = TrainingRun.buildModel(cfg);
        RunCheckpoint.loadModel(folder.checkpoint(), cfg, model);
        model.eval();
        FullResolution runner = new FullResolution(model, INFERENCE);
        Path name = data.toAbsolutePath().normalize().getFileName();
        Path target = folder.dir().resolve("photos-" + Evaluation.safe(name == null ? "data" : name.toString()));
        PhotoEvaluation.Result r = PhotoEvaluation.run(data, photo -> predict(runner, cfg, photo), target, overlays);
        r.metrics().print(out);
        out.println("Report: " + target.resolve("report.md"));
        out.flush();
        return 0;
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

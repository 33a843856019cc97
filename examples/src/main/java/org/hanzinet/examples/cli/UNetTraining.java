package org.hanzinet.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.hanzinet.examples.eval.PhotoMetrics;
import org.hanzinet.examples.report.RunFolder;
import org.hanzinet.examples.unet.SceneRecord;
import org.hanzinet.examples.unet.SceneSet;
import org.hanzinet.examples.unet.UNetConfig;
import org.hanzinet.examples.unet.UNetModel;
import org.hanzinet.examples.unet.UNetReport;
import org.hanzinet.examples.unet.UNetTrainer;

/** {@code train --model unet}: resolves the U-Net's configuration, prepares the scenes, trains, scores the test scenes. */
final class UNetTraining {
    /** Options of the reference models that mean nothing to the U-Net (refused rather than ignored). */
    static final List<String> REFERENCE_ONLY = List.of("--head", "--profile", "--image-size", "--images", "--optimizer",
            "--momentum", "--beta1", "--beta2", "--eps", "--train-fraction", "--val-fraction", "--data");

    /** Options only the U-Net has. */
    static final List<String> UNET_ONLY = List.of("--widths", "--scene-size", "--scenes", "--val-scenes", "--test-scenes",
            "--data-seed", "--crop", "--pos-weight", "--dice-weight", "--sides");

    private UNetTraining() {}

    static UNetConfig resolve(TrainingOptions t, UNetOptions u, List<String> matched) {
        List<String> wrong = matched.stream().filter(REFERENCE_ONLY::contains).toList();
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException("--model unet trains on generated scenes and does not take "
                    + String.join(", ", wrong) + " (see train --help for the U-Net's options)");
        }
        return new UNetConfig(UNetConfig.MODEL, u.widths != null ? u.widths : UNetModel.DEFAULT_WIDTHS, u.sceneSize, u.scenes,
                u.valScenes, u.testScenes, u.dataSeed, u.crop, t.batchSize != null ? t.batchSize : 8,
                t.epochs != null ? t.epochs : 10, t.lr != null ? t.lr : 1e-3,
                matched.contains("--weight-decay") ? t.weightDecay : 1e-4, u.posWeight, u.diceWeight,
                u.sides != null ? u.sides : List.of(u.sceneSize), t.seed,
                t.threads != null ? t.threads : Runtime.getRuntime().availableProcessors());
    }

    /** A finished or stopped run: the model and history, and the test-scene scores (null until the last epoch). */
    record Trained(UNetTrainer.Result result, PhotoMetrics testScenes) {}

    /**
     * Trains {@code cfg} in {@code folder} (new, or resumed), then scores the test scenes into the run's report.
     * A new run records its scenes ({@link SceneRecord}); a resumed one reads the recorded folder, unless
     * {@code cacheRoot} is given explicitly (a moved cache), and refuses scenes that changed.
     */
    static Trained run(UNetConfig cfg, Path cacheRoot, boolean cacheRootGiven, RunFolder folder,
                                  boolean resume, int stopAfter, PrintWriter out, PrintWriter err) throws IOException {
        SceneRecord recorded = resume ? SceneRecord.read(folder) : null;
        Path root = recorded != null && !cacheRootGiven ? SceneSet.cacheRootOf(Path.of(recorded.dir())) : cacheRoot;
        SceneSet scenes = SceneSet.prepare(cfg, root, out);
        if (recorded != null) {
            recorded.requireSame(scenes);
        } else {
            SceneRecord.of(scenes).write(folder);
        }
        UNetTrainer.Result r = UNetTrainer.train(cfg, scenes, folder, resume, stopAfter, out, err);
        return new Trained(r, r.history().size() == cfg.epochs() ? UNetReport.write(folder, cfg, r, scenes, out) : null);
    }
}

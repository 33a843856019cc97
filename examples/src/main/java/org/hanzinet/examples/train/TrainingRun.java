package org.hanzinet.examples.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Seeds;
import org.hanzinet.examples.config.OptimizerKind;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.examples.data.SplitData;
import org.hanzinet.examples.report.Json;
import org.hanzinet.examples.report.LossCsv;
import org.hanzinet.examples.report.LossCurvePlot;
import org.hanzinet.examples.report.RunFolder;
import org.hanzinet.examples.report.SeedFigures;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.optim.Adam;
import org.hanzinet.nn.optim.Optimizer;
import org.hanzinet.nn.optim.SGD;

/**
 * Sets up and runs one training: thread count, heap check, model, optimiser, checkpoint (fresh or
 * resumed), the loop, then the losses CSV and the loss-curve plot.
 */
public final class TrainingRun {
    /** The trained model and its full loss history. */
    public record Result(Module model, List<EpochRecord> history, double seconds) {}

    private TrainingRun() {}

    /** Builds the model of {@code cfg} with its initial weights (drawn from the run seed). */
    public static Module buildModel(RunConfig cfg) {
        return cfg.model().build(cfg.imageSize(), cfg.head(), new Rng(Seeds.derive(cfg.seed(), Seeds.INIT)));
    }

    /**
     * The trained model of a run folder: built for {@code cfg}, weights from {@code checkpoint}, refused when the
     * checkpoint was trained as another architecture (evaluate, predict).
     */
    public static Module loadTrained(RunConfig cfg, java.nio.file.Path checkpoint) throws IOException {
        Module model = buildModel(cfg);
        RunCheckpoint.loadModel(checkpoint, cfg, model);
        return model;
    }

    public static Optimizer buildOptimizer(RunConfig cfg, Module model) {
        return cfg.optimizer() == OptimizerKind.SGD
                ? new SGD(model.namedParameters(), cfg.lr(), cfg.momentum(), cfg.weightDecay(), false)
                : new Adam(model.namedParameters(), cfg.lr(), cfg.beta1(), cfg.beta2(), cfg.eps(), cfg.weightDecay());
    }

    /**
     * Trains {@code cfg} on {@code data} into {@code folder}; with {@code resume} continues from the
     * folder's checkpoint (and fails when there is none).
     */
    public static Result run(RunConfig cfg, SplitData data, RunFolder folder, boolean resume, PrintWriter out,
                             PrintWriter err) throws IOException {
        return run(cfg, data, folder, resume, cfg.epochs(), out, err);
    }

    /** As above, stopping after epoch {@code stopAfter} (a later {@code resume} continues). */
    public static Result run(RunConfig cfg, SplitData data, RunFolder folder, boolean resume, int stopAfter,
                             PrintWriter out, PrintWriter err) throws IOException {
        Parallel.setThreads(cfg.threads());
        checkHeap(cfg);
        Module model = buildModel(cfg);
        Optimizer optimizer = buildOptimizer(cfg, model);
        RunCheckpoint store = new RunCheckpoint(folder.checkpoint(), cfg);
        CheckpointStore.Restored start = new CheckpointStore.Restored(0, List.of());
        if (resume) {
            if (!cfg.equals(Json.read(folder.config(), RunConfig.class))) { // --epochs/--threads/--data changed it
                store.rewriteConfigAfterNextSave(folder.config());
            }
            start = store.load(model, optimizer).orElseThrow(() -> new IllegalStateException(
                    "--resume: no checkpoint in " + folder.dir().toAbsolutePath() + " (no epoch had finished)"));
            out.printf(Locale.ROOT, "Resuming %s after epoch %d of %d%n", cfg.runName(), start.epoch(), cfg.epochs());
        } else {
            Json.write(folder.config(), cfg);
        }
        out.printf(Locale.ROOT, "%s: %,d parameters, %d train / %d validation / %d test images of %d x %d, %d threads%n",
                cfg.runName(), model.parameterCount(), data.train().size(), data.val().size(), data.test().size(),
                cfg.imageSize(), cfg.imageSize(), cfg.threads());
        long t0 = System.nanoTime();
        Trainer trainer = new Trainer(model, optimizer, store, out, err, ProgressBar.detectMode());
        List<EpochRecord> history;
        try {
            history = trainer.train(data.train(), data.val(), cfg.epochs(), stopAfter, cfg.batchSize(), cfg.seed(), start);
        } finally {
            writeLosses(cfg, folder, store.savedHistory());
        }
        return new Result(model, history, (System.nanoTime() - t0) / 1e9);
    }

    /** losses.csv and loss-curve.png for {@code history}. */
    public static void writeLosses(RunConfig cfg, RunFolder folder, List<EpochRecord> history) throws IOException {
        LossCsv.write(folder.losses(), history);
        LossCurvePlot.write(folder.lossCurve(), cfg.runName() + " (" + cfg.imageSize() + " px)", history,
                SeedFigures.trainLosses(cfg.model()));
    }

    /**
     * Fails at once, with the estimate and the {@code -Xmx} to use, when the heap is too small for
     * {@code cfg}; called before any data is generated or read.
     */
    public static void checkHeap(RunConfig cfg) {
        heapEstimate(cfg).requireFits(Runtime.getRuntime().maxMemory(), cfg.runName() + " at "
                + cfg.imageSize() + " x " + cfg.imageSize() + ", batch " + cfg.batchSize());
    }

    /** The heap {@code cfg} needs, with the data set cached in memory when its images are small enough to be. */
    public static HeapEstimate heapEstimate(RunConfig cfg) {
        int cached = cfg.imageSize() <= org.hanzinet.examples.data.CtwData.CACHE_LIMIT ? Math.max(cfg.images(), 1) : 0;
        return HeapEstimate.of(cfg, cached);
    }
}

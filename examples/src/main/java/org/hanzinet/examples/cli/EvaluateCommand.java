package org.hanzinet.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hanzinet.core.Parallel;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.examples.data.CtwData;
import org.hanzinet.examples.data.SplitData;
import org.hanzinet.examples.eval.Evaluation;
import org.hanzinet.nn.train.Metrics;
import org.hanzinet.examples.report.Json;
import org.hanzinet.examples.report.LossCsv;
import org.hanzinet.examples.report.RunFolder;
import org.hanzinet.examples.report.RunReport;
import org.hanzinet.examples.train.EpochRecord;
import org.hanzinet.examples.train.TrainingRun;
import org.hanzinet.nn.Module;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate}: test metrics and overlays of a trained run; updates its report. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a trained run on its test split (threshold 0.5, ignored regions left out): "
                + "metrics.json, overlays/*.png, and the metrics in report.md. With --all --data DIR: every photo "
                + "of a CTW folder at its own resolution, into RUN_DIR/photos-<DIR name>/.")
public final class EvaluateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--run", paramLabel = "RUN_DIR", description = "The run folder (from train). With --all and "
            + "no --run: the shipped U-Net.")
    Path run;

    @Option(names = "--all", description = "Score every photo of the --data folder at its own resolution "
            + "(pixel and character metrics, overlays) instead of the run's test split.")
    boolean all;

    @Option(names = "--overlays", defaultValue = "6", description = "Overlay PNGs for the first N test images. "
            + "Default: ${DEFAULT-VALUE}.")
    int overlays;

    @Mixin
    InferenceSides inferenceSides;

    @Option(names = "--out", paramLabel = "DIR", description = "With --all: parent of the photos-<DIR name> report "
            + "folder. Default: the run folder, or ./evaluation for the shipped model.")
    Path outDir;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder, if it moved since training; "
            + "with --all, the CTW folder to score.")
    Path data;

    @Override
    public Integer call() throws Exception {
        if (all) {
            AllPhotos.evaluate(run, data, overlays, inferenceSides.sides, outDir, spec.commandLine().getOut());
            return 0;
        }
        if (run == null) {
            throw new IllegalArgumentException("evaluate: give the run folder with --run RUN_DIR");
        }
        RunFolder folder = RunFolder.existing(run);
        if (org.hanzinet.examples.unet.UNetRuns.isUNet(folder)) {
            if (data != null || inferenceSides.sides != null || outDir != null) {
                throw new IllegalArgumentException("evaluate --run of a U-Net run scores its synthetic test scenes; "
                        + "--data, --sides and --out need --all (real photos)");
            }
            org.hanzinet.examples.unet.UNetReport.evaluate(folder, DataOptions.defaultCacheRoot(), spec.commandLine().getOut());
            return 0;
        }
        RunConfig cfg = Json.read(folder.config(), RunConfig.class);
        if (data != null) {
            cfg = cfg.withData(data.toString());
        }
        Metrics m = evaluate(cfg, folder, overlays).metrics();
        print(spec.commandLine().getOut(), cfg, m);
        spec.commandLine().getOut().println("Report: " + folder.report());
        return 0;
    }

    /** Loads the checkpoint, evaluates, writes metrics, overlays and the report. */
    static Evaluation.Result evaluate(RunConfig cfg, RunFolder folder, int overlays) throws Exception {
        Parallel.setThreads(cfg.threads());
        SplitData split = CtwData.load(cfg);
        Module model = TrainingRun.loadTrained(cfg, folder.checkpoint());
        Evaluation.Result r = Evaluation.run(model, split.test(), cfg.batchSize(), folder, overlays);
        List<EpochRecord> history = Files.exists(folder.losses()) ? LossCsv.read(folder.losses()) : List.of();
        RunReport.write(folder, cfg, history, r.metrics(), r.overlays(), CtwData.splitSizes(split));
        return r;
    }

    static void print(java.io.PrintWriter out, RunConfig cfg, Metrics m) {
        out.printf(Locale.ROOT, "%s test: loss %.4f, pixel accuracy %.4f, precision %.4f, recall %.4f, F1 %.4f, IoU %.4f"
                        + " (seed's accuracy formula: %.4f) over %d images%n", cfg.runName(), m.loss(), m.pixelAccuracy(),
                m.precision(), m.recall(), m.f1(), m.iou(), m.seedAccuracy(), m.images());
        out.flush();
    }
}

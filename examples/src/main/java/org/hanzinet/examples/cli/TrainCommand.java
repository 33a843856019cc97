package org.hanzinet.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.hanzinet.examples.config.ModelKind;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.examples.data.CtwData;
import org.hanzinet.examples.data.SyntheticCache;
import org.hanzinet.examples.data.SplitData;
import org.hanzinet.examples.model.Head;
import org.hanzinet.examples.report.Json;
import org.hanzinet.examples.report.RunFolder;
import org.hanzinet.examples.report.RunReport;
import org.hanzinet.examples.train.ResumePlan;
import org.hanzinet.examples.train.RunHistory;
import org.hanzinet.examples.train.TrainingRun;
import org.hanzinet.examples.unet.UNetConfig;
import org.hanzinet.examples.unet.UNetRuns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train}: one model, one head, into a new run folder (or {@code --resume} an existing one). */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train one reference model with the seed's hyper-parameters (each can be overridden) and write "
                + "a run folder: config.json, losses.csv, loss-curve.png, checkpoint.safetensors, report.md, history.jsonl. "
                + "A run that fails before its first epoch finishes removes its folder.")
public final class TrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", defaultValue = "model1", description = "model1 or model2 (the seed's reference models), "
            + "or unet (the character segmenter, trained on generated scenes). Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--head", defaultValue = "1d", description = "1d (the seed's bands) or 2d (grid, bilinear). "
            + "Default: ${DEFAULT-VALUE}.")
    String head;

    @Option(names = "--runs", defaultValue = "runs", paramLabel = "DIR",
            description = "Parent of the run folders. Default: ${DEFAULT-VALUE}.")
    Path runs;

    /** The options {@code --resume} accepts; any other is refused (the run keeps its hyper-parameters). */
    static final List<String> RESUME_OPTIONS = List.of("--resume", "--epochs", "--threads", "--data", "--stop-after",
            "--cache-dir");

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue the run in RUN_DIR from its last "
            + "checkpoint (end of the last finished epoch) with the configuration stored in it. Only --epochs (to train "
            + "longer), --threads, --data (a moved data folder) and --stop-after may be given; each change is printed "
            + "and recorded in RUN_DIR/history.jsonl. Other options, or a config.json edited since the checkpoint, "
            + "are refused.")
    Path resume;

    @Option(names = "--stop-after", paramLabel = "EPOCH", description = "End this session after EPOCH (its checkpoint "
            + "written); continue later with --resume. Default: train all epochs.")
    Integer stopAfter;

    @Mixin
    TrainingOptions training;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    UNetOptions unetOptions;

    @Mixin
    SparkOptions sparkOptions;

    @Override
    public Integer call() throws Exception {
        if (resume != null) {
            return resume();
        }
        if (sparkOptions.enabled()) {
            requireSparkUsable();
        } else if (matchedOptions().stream().anyMatch(n -> n.equals("--spark-mode") || n.equals("--average-every"))) {
            throw new IllegalArgumentException("--spark-mode and --average-every apply to --spark only");
        }
        if (UNetConfig.MODEL.equalsIgnoreCase(model)) {
            return trainUNet();
        }
        List<String> unetOnly = matchedOptions().stream().filter(n -> UNetTraining.UNET_ONLY.contains(n)).toList();
        if (!unetOnly.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", unetOnly) + " only apply to --model unet");
        }
        RunConfig draft = training.resolve(ModelKind.parse(model), Head.parse(head), "");
        TrainingRun.checkHeap(draft);
        RunConfig cfg = draft.withData(SyntheticCache.resolveDataDir(dataOptions.data, dataOptions.cacheRoot(), draft,
                spec.commandLine().getOut()).toString());
        SplitData data = CtwData.load(cfg); // before the run folder exists: bad data leave no folder behind
        RunFolder folder = RunFolder.create(runs, cfg.runName());
        try {
            RunHistory.started(folder, cfg.epochs());
            return train(cfg, data, folder, false);
        } catch (Throwable t) {
            removeIfNoEpochFinished(folder, t);
            throw t;
        }
    }

    /** {@code --model unet}: a new U-Net run folder; one that fails before its first epoch is removed. */
    private Integer trainUNet() throws Exception {
        UNetConfig cfg = UNetTraining.resolve(training, unetOptions, matchedOptions());
        RunFolder folder = RunFolder.create(runs, cfg.runName());
        try {
            RunHistory.started(folder, cfg.epochs());
            UNetTraining.run(cfg, dataOptions.cacheRoot(), true, folder, false,
                    stopAfter != null ? stopAfter : cfg.epochs(), spec.commandLine().getOut(), spec.commandLine().getErr());
        } catch (Throwable t) {
            removeIfNoEpochFinished(folder, t);
            throw t;
        }
        spec.commandLine().getOut().println("Run folder: " + folder.dir());
        return 0;
    }

    private List<String> matchedOptions() {
        return spec.commandLine().getParseResult().matchedOptions().stream().map(OptionSpec::longestName).distinct()
                .toList();
    }

    /** {@code --resume}: the checkpoint's configuration, changed only by the options {@link ResumePlan} allows. */
    private Integer resume() throws Exception {
        var out = spec.commandLine().getOut();
        RunFolder folder = RunFolder.existing(resume);
        List<String> fixed = spec.commandLine().getParseResult().matchedOptions().stream()
                .map(OptionSpec::longestName).filter(n -> !RESUME_OPTIONS.contains(n)).distinct().toList();
        if (!fixed.isEmpty()) {
            throw new IllegalArgumentException("--resume continues " + folder.dir() + " with its own configuration: "
                    + String.join(", ", fixed) + " cannot change (only " + String.join(", ", RESUME_OPTIONS.subList(1,
                    RESUME_OPTIONS.size())) + " can); start a new run to train with other settings");
        }
        for (Path p : folder.removeStaleTemps()) {
            out.println("Removed " + p + " (left by an interrupted write)");
        }
        if (UNetRuns.isUNet(folder)) {
            return resumeUNet(folder);
        }
        ResumePlan plan = ResumePlan.of(folder, Json.read(folder.config(), RunConfig.class), training.epochs,
                training.threads, dataOptions.data == null ? null : dataOptions.data.toAbsolutePath().toString());
        SplitData data = CtwData.load(plan.config());
        for (ResumePlan.Change c : plan.changes()) {
            out.println("Changed on resume (recorded in history.jsonl): " + c);
        }
        RunHistory.resumed(folder, plan.epochsDone(), plan.changes());
        return train(plan.config(), data, folder, true);
    }

    /** A U-Net run continues with its own configuration; only --threads, --stop-after and --cache-dir may change. */
    private Integer resumeUNet(RunFolder folder) throws Exception {
        if (training.epochs != null || dataOptions.data != null) {
            throw new IllegalArgumentException("--resume of a U-Net run: --epochs and --data cannot change (the "
                    + "learning-rate schedule spans the planned epochs; the scenes are part of the run)");
        }
        UNetConfig cfg = UNetRuns.config(folder);
        if (training.threads != null && training.threads != cfg.threads()) {
            spec.commandLine().getOut().println("Changed on resume: --threads " + cfg.threads() + " -> " + training.threads
                    + " (results are bitwise reproducible only for the same thread count)");
            cfg = cfg.withThreads(training.threads);
        }
        int done = UNetRuns.state(org.hanzinet.nn.checkpoint.Checkpoint.readMetadata(folder.checkpoint()),
                folder.checkpoint()).epoch();
        RunHistory.resumed(folder, done, List.of());
        UNetTraining.run(cfg, dataOptions.cacheRoot(), dataOptions.cacheDir != null, folder, true,
                stopAfter != null ? stopAfter : cfg.epochs(),
                spec.commandLine().getOut(), spec.commandLine().getErr());
        spec.commandLine().getOut().println("Run folder: " + folder.dir());
        return 0;
    }

    private Integer train(RunConfig cfg, SplitData data, RunFolder folder, boolean resumed) throws Exception {
        var out = spec.commandLine().getOut();
        TrainingRun.Result r = sparkOptions.enabled() && !resumed
                ? org.hanzinet.examples.spark.SparkTrainingRun.run(cfg, data, folder, sparkOptions.master,
                        sparkOptions.averaging() ? sparkOptions.averageEvery : 0, out)
                : TrainingRun.run(cfg, data, folder, resumed, stopAfter != null ? stopAfter : cfg.epochs(),
                        out, spec.commandLine().getErr());
        RunReport.write(folder, cfg, r.history(), null, List.of(), CtwData.splitSizes(data));
        out.println("Run folder: " + folder.dir());
        out.println("Next: evaluate --run " + folder.dir());
        return 0;
    }

    /** {@code --spark}: model 1 or 2, a whole run, Spark on the classpath; checked before any data is read. */
    private void requireSparkUsable() {
        if (UNetConfig.MODEL.equalsIgnoreCase(model)) {
            throw new IllegalArgumentException("--spark trains model1 and model2; the U-Net's BatchNorm needs per-worker "
                    + "batches, which the Spark trainer (one forward per photo) does not have yet");
        }
        if (stopAfter != null) {
            throw new IllegalArgumentException("--stop-after does not apply to --spark (a Spark run trains all its "
                    + "--epochs; give fewer, then --resume continues the run folder on one machine)");
        }
        sparkOptions.averaging();
        SparkOptions.requireSpark(TrainCommand.class.getClassLoader());
    }

    /** A new run that failed before its first checkpoint leaves nothing behind: its folder is removed. */
    private void removeIfNoEpochFinished(RunFolder folder, Throwable failure) {
        try {
            if (folder.removeIfNoCheckpoint()) {
                spec.commandLine().getErr().println("Removed the run folder " + folder.dir() + " (no epoch had finished)");
            }
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}

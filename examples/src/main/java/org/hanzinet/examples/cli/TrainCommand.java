package org.hanzinet.examples.cli;

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
import org.hanzinet.examples.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train}: one model, one head, into a new run folder (or {@code --resume} an existing one). */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train one reference model with the seed's hyper-parameters (each can be overridden) and write "
                + "a run folder: config.json, losses.csv, loss-curve.png, checkpoint.safetensors, report.md.")
public final class TrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", defaultValue = "model1", description = "model1 or model2. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--head", defaultValue = "1d", description = "1d (the seed's bands) or 2d (grid, bilinear). "
            + "Default: ${DEFAULT-VALUE}.")
    String head;

    @Option(names = "--runs", defaultValue = "runs", paramLabel = "DIR",
            description = "Parent of the run folders. Default: ${DEFAULT-VALUE}.")
    Path runs;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue the run in RUN_DIR from its last "
            + "checkpoint (end of the last finished epoch); its config.json is used, other options are ignored.")
    Path resume;

    @Option(names = "--stop-after", paramLabel = "EPOCH", description = "End this session after EPOCH (its checkpoint "
            + "written); continue later with --resume. Default: train all epochs.")
    Integer stopAfter;

    @Mixin
    TrainingOptions training;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        RunFolder folder;
        RunConfig cfg;
        if (resume != null) {
            folder = RunFolder.existing(resume);
            cfg = Json.read(folder.config(), RunConfig.class);
        } else {
            RunConfig draft = training.resolve(ModelKind.parse(model), Head.parse(head), "");
            TrainingRun.checkHeap(draft);
            cfg = draft.withData(SyntheticCache.resolveDataDir(dataOptions.data, dataOptions.cacheRoot(), draft, out).toString());
            folder = RunFolder.create(runs, cfg.runName());
        }
        SplitData data = CtwData.load(cfg);
        TrainingRun.Result r = TrainingRun.run(cfg, data, folder, resume != null,
                stopAfter != null ? stopAfter : cfg.epochs(), out, err);
        RunReport.write(folder, cfg, r.history(), null, List.of(), CtwData.splitSizes(data));
        out.println("Run folder: " + folder.dir());
        out.println("Next: evaluate --run " + folder.dir());
        return 0;
    }
}

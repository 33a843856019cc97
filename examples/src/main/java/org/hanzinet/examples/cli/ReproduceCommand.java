package org.hanzinet.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hanzinet.data.dataset.Sample;
import org.hanzinet.examples.config.ModelKind;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.examples.data.CtwData;
import org.hanzinet.examples.data.RealPhotos;
import org.hanzinet.examples.data.SyntheticCache;
import org.hanzinet.examples.data.SplitData;
import org.hanzinet.examples.eval.Evaluation;
import org.hanzinet.examples.eval.Prediction;
import org.hanzinet.examples.model.Head;
import org.hanzinet.examples.report.ReproduceReport;
import org.hanzinet.examples.report.RunFolder;
import org.hanzinet.examples.report.RunReport;
import org.hanzinet.examples.train.ProgressBar;
import org.hanzinet.examples.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code reproduce}: data, then for model 1 and model 2 with both heads: train, evaluate, predict; then
 * one report comparing the four runs with the seed's figures.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The whole reproduction in one run: data -> train model 1 and model 2 with both heads -> "
                + "evaluate -> predict -> report; then a U-Net on a short schedule, scored on synthetic test scenes and "
                + "on the real photos beside the shipped U-Net. Training options override the reference models' settings.")
public final class ReproduceCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--models", split = ",", defaultValue = "model1,model2",
            description = "Models to run. Default: ${DEFAULT-VALUE}.")
    List<String> models;

    @Option(names = "--heads", split = ",", defaultValue = "1d,2d", description = "Heads to run. Default: ${DEFAULT-VALUE}.")
    List<String> heads;

    @Option(names = "--runs", defaultValue = "runs", paramLabel = "DIR",
            description = "Parent of the reproduce folder. Default: ${DEFAULT-VALUE}.")
    Path runs;

    @Option(names = "--overlays", defaultValue = "4", description = "Overlays per run. Default: ${DEFAULT-VALUE}.")
    int overlays;

    @Option(names = "--unet", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also train the U-Net on a short schedule and score it, and the shipped U-Net, on the real "
                    + "photos (--no-unet: the reference models only). Default: ${DEFAULT-VALUE}.")
    boolean unet;

    @Option(names = "--photos", paramLabel = "DIR", description = "Real photos in CTW format to score the U-Nets on. "
            + "Default: photos/rects-ctw of the repository.")
    Path photos;

    @Mixin
    TrainingOptions training;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        RunConfig first = training.resolve(ModelKind.parse(models.get(0)), Head.parse(heads.get(0)), "");
        for (String m : models) {
            for (String h : heads) {
                TrainingRun.checkHeap(training.resolve(ModelKind.parse(m), Head.parse(h), ""));
            }
        }
        String dataDir = SyntheticCache.resolveDataDir(dataOptions.data, dataOptions.cacheRoot(), first, out).toString();
        // Every run reads the same images at the same size: read them before the folder exists, so bad data
        // leave no empty reproduce folder behind.
        SplitData split = CtwData.load(first.withData(dataDir));
        RunFolder top = RunFolder.create(runs, "reproduce");
        out.println("Reproduce folder: " + top.dir());
        List<ReproduceReport.Entry> entries = new ArrayList<>();
        for (String m : models) {
            for (String h : heads) {
                RunConfig cfg = training.resolve(ModelKind.parse(m), Head.parse(h), dataDir);
                entries.add(runOne(cfg, split, new RunFolder(Files.createDirectories(top.dir().resolve(cfg.runName())))));
                writeReport(top, dataDir, split, entries, null, t0);
            }
        }
        if (unet) {
            UNetReproduction.Outcome u = UNetReproduction.run(UNetReproduction.shortSchedule(first.seed(), first.threads()),
                    dataOptions.cacheRoot(), top.dir(), photos != null ? photos : RealPhotos.defaultFolder(), overlays,
                    out, spec.commandLine().getErr());
            writeReport(top, dataDir, split, entries, UNetReproduction.markdown(top.dir(), u, entries), t0);
        }
        out.println();
        out.println(Files.readString(top.report()));
        out.printf(Locale.ROOT, "Done in %s. Report: %s%n", ProgressBar.formatDuration((System.nanoTime() - t0) / 1e9),
                top.report());
        return 0;
    }

    private ReproduceReport.Entry runOne(RunConfig cfg, SplitData split, RunFolder folder) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.println();
        out.println("== " + cfg.runName() + " ==");
        out.flush();
        long t0 = System.nanoTime();
        TrainingRun.Result trained = TrainingRun.run(cfg, split, folder, false, out, spec.commandLine().getErr());
        Evaluation.Result ev = Evaluation.run(trained.model(), split.test(), cfg.batchSize(), folder, overlays);
        RunReport.write(folder, cfg, trained.history(), ev.metrics(), ev.overlays(), CtwData.splitSizes(split));
        EvaluateCommand.print(out, cfg, ev.metrics());
        Sample sample = split.test().get(0);
        Prediction.write(trained.model(), sample.image(), sample.mask(), sample.ignore(), 0.5,
                folder.dir().resolve("predictions"), Evaluation.safe(sample.id()));
        return new ReproduceReport.Entry(cfg, folder.dir(), trained.history(), ev.metrics(),
                ev.overlays().isEmpty() ? null : ev.overlays().get(0), (System.nanoTime() - t0) / 1e9);
    }

    private static void writeReport(RunFolder top, String dataDir, SplitData split, List<ReproduceReport.Entry> entries,
                                    String unetSection, long t0) throws java.io.IOException {
        RunConfig c = entries.get(0).config();
        int[] s = CtwData.splitSizes(split);
        String note = String.format(Locale.ROOT, "Data: `%s` (%s), %d x %d pixels, %d train / %d validation / %d test "
                        + "images in file order. Seed %d. The seed's own figures come from 51 real CTW photos at "
                        + "2048 x 2048 and its 1-D head only.", dataDir, split.source(), c.imageSize(), c.imageSize(),
                s[0], s[1], s[2], c.seed());
        ReproduceReport.write(top.report(), note, entries, unetSection, (System.nanoTime() - t0) / 1e9);
    }
}

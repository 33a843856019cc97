package org.hanzinet.examples.unet;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.hanzinet.core.io.AtomicFiles;
import org.hanzinet.examples.eval.PhotoEvaluation;
import org.hanzinet.examples.eval.PhotoMetrics;
import org.hanzinet.examples.report.RunFolder;

/**
 * After training: the U-Net scored on the whole synthetic test scenes (pixel and character metrics, overlays,
 * into {@code test-scenes/}), and the run's {@code report.md}: configuration, epoch table, curves, test scores.
 */
public final class UNetReport {
    /** Folder of the test-scene evaluation inside the run folder. */
    public static final String TEST_SCENES = "test-scenes";

    private UNetReport() {}

    /** Scores the test scenes, prints the metrics on {@code out}, writes report.md; returns the test metrics. */
    public static PhotoMetrics write(RunFolder folder, UNetConfig cfg, UNetTrainer.Result result, SceneSet scenes,
                                     PrintWriter out) throws IOException {
        PhotoMetrics test = scoreTestScenes(folder, new Segmenter(result.model(), cfg), scenes);
        test.print(out);
        AtomicFiles.writeString(folder.report(), markdown(cfg, result.history(), test));
        out.println("Report: " + folder.report());
        out.println("Next: ./hanzinet evaluate --all --run " + folder.dir() + " --data DIR (real photos in CTW format)");
        out.flush();
        return test;
    }

    /** The segmenter on the whole test scenes at their own size, into {@code test-scenes/} of the run folder. */
    public static PhotoMetrics scoreTestScenes(RunFolder folder, Segmenter segmenter, SceneSet scenes) throws IOException {
        return PhotoEvaluation.run("synthetic test scenes", scenes.dir().resolve("images"), scenes.test().images(),
                segmenter.atSides(List.of(0))::probabilities, folder.dir().resolve(TEST_SCENES), 6).metrics();
    }

    /** {@code evaluate --run} of a U-Net run: scores the test scenes again and rewrites the report. */
    public static PhotoMetrics evaluate(RunFolder folder, Path cacheRoot, PrintWriter out) throws IOException {
        UNetTrainer.State state = UNetRuns.state(org.hanzinet.nn.checkpoint.Checkpoint.readMetadata(folder.checkpoint()),
                folder.checkpoint());
        org.hanzinet.core.Parallel.setThreads(state.run().threads());
        SceneSet scenes = SceneSet.prepare(state.run(), cacheRoot, out);
        PhotoMetrics test = scoreTestScenes(folder, Segmenter.load(folder.checkpoint()), scenes);
        test.print(out);
        AtomicFiles.writeString(folder.report(), markdown(state.run(), state.history(), test));
        out.println("Report: " + folder.report());
        out.flush();
        return test;
    }

    private static String markdown(UNetConfig cfg, List<UNetEpoch> history, PhotoMetrics test) {
        StringWriter s = new StringWriter();
        PrintWriter p = new PrintWriter(s);
        p.println("# " + cfg.runName());
        p.println();
        p.printf(Locale.ROOT, "U-Net (widths %s) trained on %d synthetic scenes of %d px (%d px crops, batch %d, %d epochs), "
                        + "AdamW lr %.0e cosine, weight decay %.0e, BCE-with-logits (pos_weight %.1f) + %.1f x Dice; seed %d, "
                        + "%d threads.%n", cfg.widths(), cfg.scenes(), cfg.sceneSize(), cfg.crop(), cfg.batchSize(), cfg.epochs(),
                cfg.lr(), cfg.weightDecay(), cfg.posWeight(), cfg.diceWeight(), cfg.seed(), cfg.threads());
        p.println();
        p.println("| epoch | train loss | val loss | val F1 | val IoU | images/s | time |");
        p.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (UNetEpoch e : history) {
            p.printf(Locale.ROOT, "| %d | %.4f | %.4f | %.4f | %.4f | %.1f | %.0f s |%n", e.epoch(), e.trainLoss(),
                    e.valLoss(), e.valF1(), e.valIoU(), e.imagesPerSecond(), e.seconds());
        }
        p.println();
        p.println("![loss curve](loss-curve.png) ![validation F1](val-f1.png)");
        p.println();
        p.println("## Synthetic test scenes (threshold 0.5, ignore regions left out)");
        p.println();
        p.println("```");
        test.print(p);
        p.println("```");
        p.println();
        p.println("Overlays: [" + TEST_SCENES + "/report.md](" + TEST_SCENES + "/report.md)");
        p.flush();
        return s.toString();
    }
}

package org.hanzinet.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.hanzinet.examples.eval.PhotoEvaluation;
import org.hanzinet.examples.eval.PhotoMetrics;
import org.hanzinet.examples.report.ReproduceReport;
import org.hanzinet.examples.report.RunFolder;
import org.hanzinet.examples.train.ProgressBar;
import org.hanzinet.examples.unet.Segmenter;
import org.hanzinet.examples.unet.UNetConfig;
import org.hanzinet.examples.unet.UNetTrainer;
import org.hanzinet.nn.train.Metrics;

/**
 * {@code reproduce}'s third model: a U-Net trained on a short schedule (a narrower network, fewer and smaller
 * scenes, a few minutes on 2 cores), scored on the synthetic test scenes and on the real photos, beside the
 * shipped U-Net (trained on the full schedule) on the same photos.
 */
final class UNetReproduction {
    /** The short schedule's scenes: characters drawn relative to 384 px, as the photos are resized to. */
    static final int SCENE_SIZE = 384;

    /** One finished U-Net part of the report; {@code realPhotos} and {@code shipped} are null without photos. */
    record Outcome(UNetConfig config, Path runDir, UNetTrainer.Result trained, PhotoMetrics testScenes,
                   PhotoMetrics realPhotos, PhotoMetrics shipped, double seconds) {}

    private UNetReproduction() {}

    /** The short schedule: widths 8-16-32-64-128, 600 scenes of 384 px, 192 px crops, 4 epochs. */
    static UNetConfig shortSchedule(long seed, int threads) {
        return new UNetConfig(UNetConfig.MODEL, List.of(8, 16, 32, 64, 128), SCENE_SIZE, 600, 20, 40, 20240601L, 192, 8,
                4, 2e-3, 1e-4, 3, 1, List.of(SCENE_SIZE), seed, threads);
    }

    static Outcome run(UNetConfig cfg, Path cacheRoot, Path top, Path photos, int overlays, PrintWriter out,
                       PrintWriter err) throws IOException {
        long t0 = System.nanoTime();
        out.println();
        out.println("== " + cfg.runName() + " (short schedule) ==");
        out.flush();
        RunFolder folder = new RunFolder(Files.createDirectories(top.resolve(cfg.runName())));
        UNetTraining.Trained run = UNetTraining.run(cfg, cacheRoot, true, folder, false, cfg.epochs(), out, err);
        UNetTrainer.Result trained = run.result();
        PhotoMetrics test = run.testScenes();
        PhotoMetrics real = null;
        PhotoMetrics shipped = null;
        if (Files.isDirectory(photos)) {
            out.println("-- " + cfg.runName() + " on the real photos of " + photos + " --");
            real = PhotoEvaluation.run(photos, new Segmenter(trained.model(), cfg)::probabilities,
                    folder.dir().resolve("photos-rects-ctw"), overlays).metrics();
            real.print(out);
            out.println("-- the shipped U-Net on the same photos --");
            shipped = PhotoEvaluation.run(photos, Segmenter.shipped()::probabilities,
                    top.resolve("shipped-unet").resolve("photos-rects-ctw"), overlays).metrics();
            shipped.print(out);
        } else {
            err.println("warning: no real photos at " + photos.toAbsolutePath() + " (run from the repository, or pass "
                    + "--photos DIR): the U-Net is scored on synthetic scenes only");
        }
        return new Outcome(cfg, folder.dir(), trained, test, real, shipped, (System.nanoTime() - t0) / 1e9);
    }

    /** The report's U-Net section: the scores, and the line that says which model finds characters. */
    static String markdown(Path reportDir, Outcome u, List<ReproduceReport.Entry> reference) {
        StringBuilder sb = new StringBuilder("## The third model: a U-Net that finds characters\n\n");
        sb.append(String.format(Locale.ROOT, "[%s](%s), short schedule: %d synthetic scenes of %d px, %d epochs of %d px "
                        + "crops, %s. Scored at threshold 0.5 with ignore regions left out; characters are connected "
                        + "components of the mask, elongated ones cut into square pieces, matched at IoU >= 0.5.%n%n",
                u.config().runName(), reportDir.relativize(u.runDir().resolve("report.md")), u.config().scenes(),
                u.config().sceneSize(), u.config().epochs(), u.config().crop(), ProgressBar.formatDuration(u.seconds())));
        sb.append("| model | data | pixel precision | recall | F1 | IoU | characters precision | recall | F |\n");
        sb.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        row(sb, "U-Net, short schedule", "synthetic test scenes", u.testScenes());
        if (u.realPhotos() != null) {
            row(sb, "U-Net, short schedule", "5 real ReCTS photos", u.realPhotos());
            row(sb, "U-Net, shipped (full schedule)", "5 real ReCTS photos", u.shipped());
        }
        double bestReference = reference.stream().mapToDouble(e -> finite(e.metrics().f1())).max().orElse(0);
        String best = reference.stream().max(java.util.Comparator.comparingDouble(e -> finite(e.metrics().f1())))
                .map(e -> e.config().runName()).orElse("none");
        double unet = u.testScenes().pixels().f1();
        sb.append('\n').append(String.format(Locale.ROOT, "**Which model finds characters:** %s (pixel F1 %.2f on the "
                        + "synthetic test scenes, against %.2f for the best reference run, %s)%s.%n%n",
                unet > bestReference ? "the U-Net" : "none clearly", unet, bestReference, best,
                u.realPhotos() == null ? "" : String.format(Locale.ROOT, "; on real photos it never saw, the shipped "
                        + "U-Net reaches pixel F1 %.2f and finds %.0f%% of the characters",
                        u.shipped().pixels().f1(), 100 * u.shipped().characters("all").recall())));
        if (u.realPhotos() != null) {
            sb.append("Overlays of the real photos: [short schedule](")
                    .append(reportDir.relativize(u.runDir().resolve("photos-rects-ctw/report.md")))
                    .append("), [shipped](shipped-unet/photos-rects-ctw/report.md).\n");
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String model, String data, PhotoMetrics m) {
        Metrics p = m.pixels();
        PhotoMetrics.CharacterScores c = m.characters("all");
        sb.append(String.format(Locale.ROOT, "| %s | %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f |%n", model, data,
                p.precision(), p.recall(), p.f1(), p.iou(), c.precision(), c.recall(), c.f()));
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }
}

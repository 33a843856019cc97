package org.hanzinet.examples.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.hanzinet.core.io.AtomicFiles;
import org.hanzinet.examples.config.ModelKind;
import org.hanzinet.examples.config.OptimizerKind;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.nn.train.Metrics;
import org.hanzinet.examples.train.EpochRecord;

/** {@code report.md} of one run: configuration, losses beside the seed's, test metrics, plots, overlays. */
public final class RunReport {
    private RunReport() {}

    /**
     * @param metrics  null before evaluation
     * @param overlays file names under {@code overlays/}
     * @param split    train / validation / test image counts
     */
    public static void write(RunFolder folder, RunConfig cfg, List<EpochRecord> history, Metrics metrics,
                             List<String> overlays, int[] split) throws IOException {
        ModelKind m = cfg.model();
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(cfg.runName()).append(": ").append(title(cfg)).append("\n\n");
        sb.append(String.format(Locale.ROOT, "Data: `%s`, images %d x %d, split %d train / %d validation / %d test "
                        + "(file order, as the seed).%n%n", cfg.data(), cfg.imageSize(), cfg.imageSize(), split[0],
                split[1], split[2]));
        sb.append(String.format(Locale.ROOT, "Training: %s lr %s%s, batch %d, %d epochs, BCE, seed %d, %d threads; "
                        + "first Linear in_features %d. Full configuration: `config.json`.%n%n", cfg.optimizer().cliName(),
                num(cfg.lr()), cfg.optimizer() == OptimizerKind.SGD ? " momentum " + num(cfg.momentum()) : "",
                cfg.batchSize(), cfg.epochs(), cfg.seed(), cfg.threads(),
                m == ModelKind.MODEL1 ? org.hanzinet.examples.model.ReferenceModels.model1Features(cfg.imageSize())
                        : org.hanzinet.examples.model.ReferenceModels.model2Features(cfg.imageSize())));
        losses(sb, m, history);
        if (metrics != null) {
            metricsTable(sb, m, metrics);
        } else {
            sb.append("## Test metrics\n\nNot evaluated yet: run `evaluate --run ").append(folder.dir()).append("`.\n\n");
        }
        if (!overlays.isEmpty()) {
            sb.append("## Test overlays\n\nLeft: the photo as the model saw it. Right: predicted probability as a heat "
                    + "map (dark = 0, yellow = 1), ground truth outlined in green, ignored regions in blue.\n\n");
            for (String o : overlays) {
                sb.append("![").append(o).append("](overlays/").append(o).append(")\n\n");
            }
        }
        AtomicFiles.writeString(folder.report(), sb);
    }

    static String title(RunConfig cfg) {
        String head = cfg.head().cliName().equals("1d") ? "the seed's 1-D band head"
                : (cfg.model() == ModelKind.MODEL1 ? "2-D 8 x 8 grid head" : "2-D 4 x 5 grid head");
        return (cfg.model() == ModelKind.MODEL1 ? "model 1 (ChineseChar)" : "model 2 (ConvNet)") + ", " + head;
    }

    private static void losses(StringBuilder sb, ModelKind m, List<EpochRecord> history) {
        double[] seed = SeedFigures.trainLosses(m);
        sb.append("## Losses per epoch\n\n![loss curve](loss-curve.png)\n\n");
        sb.append("| epoch | train loss (mean) | train loss (last batch) | validation loss | seed's printed loss |\n");
        sb.append("| ---: | ---: | ---: | ---: | ---: |\n");
        int rows = Math.max(history.size(), seed.length);
        for (int i = 0; i < rows; i++) {
            EpochRecord r = i < history.size() ? history.get(i) : null;
            sb.append("| ").append(i + 1).append(" | ")
                    .append(r == null ? "" : f4(r.trainLoss())).append(" | ")
                    .append(r == null ? "" : f4(r.lastBatchLoss())).append(" | ")
                    .append(r == null ? "" : f4(r.valLoss())).append(" | ")
                    .append(i < seed.length ? f4(seed[i]) : "").append(" |\n");
        }
        sb.append("\nThe seed printed `loss.item()` of each epoch's last batch, so compare with the last-batch column; "
                + "its data were 51 real CTW photos at 2048 x 2048.\n\n");
    }

    private static void metricsTable(StringBuilder sb, ModelKind m, Metrics x) {
        sb.append("## Test metrics\n\n");
        sb.append(String.format(Locale.ROOT, "%d test images, %d non-ignored pixels, threshold %s; %.2f %% of the "
                + "pixels are character pixels.%n%n", x.images(), x.pixels(), num(x.threshold()), 100 * x.positiveRate()));
        sb.append("| metric | ours | seed |\n| --- | ---: | ---: |\n");
        row(sb, "test loss (BCE)", x.loss(), SeedFigures.testLoss(m));
        row(sb, "pixel accuracy", x.pixelAccuracy(), "not measured");
        row(sb, "precision", x.precision(), "not measured");
        row(sb, "recall", x.recall(), "not measured");
        row(sb, "F1", x.f1(), "not measured");
        row(sb, "IoU", x.iou(), "not measured");
        row(sb, "seed's \"accuracy\" formula", x.seedAccuracy(), num(SeedFigures.accuracy(m)));
        double q = x.positiveRate();
        double entropy = q <= 0 || q >= 1 ? 0 : -(q * Math.log(q) + (1 - q) * Math.log(1 - q));
        sb.append(String.format(Locale.ROOT, "%nBaseline for scale: predicting background everywhere scores pixel accuracy "
                + "%.4f (recall, F1 and IoU 0); the best constant probability (%.4f) has a test loss of %.4f. A model "
                + "only beats the class prior where its loss is below that and its F1 above 0.%n", 1 - q, q, entropy));
        sb.append("\n").append(SeedFigures.ACCURACY_NOTE).append("\n\n");
    }

    private static void row(StringBuilder sb, String name, double ours, String seed) {
        sb.append("| ").append(name).append(" | ").append(f4(ours)).append(" | ").append(seed).append(" |\n");
    }

    static String f4(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : (Double.isNaN(v) ? "n/a" : "inf");
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }
}

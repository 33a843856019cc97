package org.hanzinet.examples.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.hanzinet.core.io.AtomicFiles;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.nn.train.Metrics;
import org.hanzinet.examples.train.EpochRecord;

/** The top-level {@code report.md} of {@code reproduce}: model 1 and model 2, both heads, against the seed. */
public final class ReproduceReport {
    /** One finished run as the summary needs it. */
    public record Entry(RunConfig config, Path runDir, List<EpochRecord> history, Metrics metrics, String overlay,
                        double seconds) {}

    private ReproduceReport() {}

    /** {@code unetSection}: the U-Net's markdown section, or null when it did not run (yet). */
    public static void write(Path file, String dataNote, List<Entry> entries, String unetSection, double totalSeconds)
            throws IOException {
        StringBuilder sb = new StringBuilder("# hanzinet reproduce: the seed's two models, both heads"
                + (unetSection == null ? "" : ", and a U-Net") + "\n\n");
        sb.append(dataNote).append("\n\n");
        sb.append(String.format(Locale.ROOT, "Total time %s on %d threads.%n%n",
                org.hanzinet.examples.train.ProgressBar.formatDuration(totalSeconds),
                entries.isEmpty() ? 0 : entries.get(0).config().threads()));
        sb.append("| run | head | last-epoch train loss (last batch) | validation loss | test loss | pixel accuracy "
                + "| precision | recall | F1 | IoU | seed's accuracy formula | time |\n");
        sb.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Entry e : entries) {
            EpochRecord last = e.history().get(e.history().size() - 1);
            Metrics m = e.metrics();
            sb.append("| [").append(e.config().model().cliName()).append("](")
                    .append(file.getParent().relativize(e.runDir().resolve("report.md"))).append(") | ")
                    .append(e.config().head().cliName()).append(" | ")
                    .append(RunReport.f4(last.lastBatchLoss())).append(" | ").append(RunReport.f4(last.valLoss()))
                    .append(" | ").append(RunReport.f4(m.loss())).append(" | ").append(RunReport.f4(m.pixelAccuracy()))
                    .append(" | ").append(RunReport.f4(m.precision())).append(" | ").append(RunReport.f4(m.recall()))
                    .append(" | ").append(RunReport.f4(m.f1())).append(" | ").append(RunReport.f4(m.iou()))
                    .append(" | ").append(RunReport.f4(m.seedAccuracy())).append(" | ")
                    .append(org.hanzinet.examples.train.ProgressBar.formatDuration(e.seconds())).append(" |\n");
        }
        if (!entries.isEmpty()) {
            double q = entries.get(0).metrics().positiveRate();
            double h = q <= 0 || q >= 1 ? 0 : -(q * Math.log(q) + (1 - q) * Math.log(1 - q));
            sb.append(String.format(Locale.ROOT, "| baseline: constant %.4f | | | | %.4f | %.4f | n/a | 0.0000 | 0.0000 "
                    + "| 0.0000 | | |%n", q, h, 1 - q));
        }
        sb.append("| seed model1 | 1d | 0.0240 | | 0.015 - 0.084 | | | | | | 0.33 | |\n");
        sb.append("| seed model2 | 1d | 0.3473 | | 0.072 | | | | | | 0.17 | |\n\n");
        sb.append(SeedFigures.ACCURACY_NOTE).append("\n\n");
        if (unetSection != null) {
            sb.append(unetSection).append('\n');
        }
        sb.append("## Loss curve and one test overlay per run\n\n");
        for (Entry e : entries) {
            Path dir = file.getParent().relativize(e.runDir());
            sb.append("**").append(e.config().runName()).append("**\n\n![loss curve](").append(dir.resolve("loss-curve.png"))
                    .append(")\n\n");
            if (e.overlay() != null) {
                sb.append("![overlay](").append(dir.resolve("overlays").resolve(e.overlay())).append(")\n\n");
            }
        }
        AtomicFiles.writeString(file, sb);
    }
}

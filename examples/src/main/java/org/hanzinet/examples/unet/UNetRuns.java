package org.hanzinet.examples.unet;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hanzinet.core.io.AtomicFiles;
import org.hanzinet.examples.report.Json;
import org.hanzinet.examples.report.LossCurvePlot;
import org.hanzinet.examples.report.RunFolder;
import org.hanzinet.nn.checkpoint.Provenance;

/**
 * The files of a U-Net run folder beside the checkpoint: {@code config.json} (a {@link UNetConfig}),
 * {@code losses.csv} (one row per epoch, validation F1 included), {@code loss-curve.png} and
 * {@code val-f1.png}.
 */
public final class UNetRuns {
    private UNetRuns() {}

    /** Whether the run folder holds a U-Net run (its config.json says {@code "model": "unet"}). */
    public static boolean isUNet(RunFolder folder) throws IOException {
        JsonNode node = Json.MAPPER.readTree(folder.config().toFile());
        return node != null && UNetConfig.MODEL.equals(node.path("model").asText());
    }

    public static UNetConfig config(RunFolder folder) throws IOException {
        return Json.read(folder.config(), UNetConfig.class);
    }

    /** The run state stored in a U-Net checkpoint's metadata. */
    public static UNetTrainer.State state(Map<String, String> meta, Path file) throws IOException {
        String json = meta.get(Provenance.CONFIG);
        if (json == null) {
            throw new IOException(file + ": not a hanzinet checkpoint (no " + Provenance.CONFIG + " metadata)");
        }
        UNetTrainer.State s = Json.MAPPER.readValue(json, UNetTrainer.State.class);
        if (s.run() == null || s.history() == null) {
            throw new IOException(file + ": checkpoint metadata has no U-Net configuration or epoch history");
        }
        return s;
    }

    /** losses.csv, loss-curve.png (train and validation loss) and val-f1.png (validation F1 and IoU). */
    public static void writeCurves(RunFolder folder, UNetConfig cfg, List<UNetEpoch> history) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("epoch,train_loss,val_loss,val_f1,val_iou,lr,seconds,images_per_second");
        for (UNetEpoch e : history) {
            lines.add(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.6e,%.1f,%.2f", e.epoch(), e.trainLoss(),
                    e.valLoss(), e.valF1(), e.valIoU(), e.lr(), e.seconds(), e.imagesPerSecond()));
        }
        AtomicFiles.writeLines(folder.losses(), lines);
        String title = cfg.runName() + " (" + cfg.crop() + " px crops)";
        LossCurvePlot.write(folder.lossCurve(), title, "BCE + Dice", List.of(
                new LossCurvePlot.Series("train (mean)", history.stream().mapToDouble(UNetEpoch::trainLoss).toArray(),
                        LossCurvePlot.COLORS[0], false),
                new LossCurvePlot.Series("validation", history.stream().mapToDouble(UNetEpoch::valLoss).toArray(),
                        LossCurvePlot.COLORS[1], false)));
        LossCurvePlot.write(valF1Curve(folder), cfg.runName() + ": validation scenes", "pixel score", List.of(
                new LossCurvePlot.Series("F1", history.stream().mapToDouble(UNetEpoch::valF1).toArray(),
                        LossCurvePlot.COLORS[0], false),
                new LossCurvePlot.Series("IoU", history.stream().mapToDouble(UNetEpoch::valIoU).toArray(),
                        LossCurvePlot.COLORS[1], false)));
    }

    public static Path valF1Curve(RunFolder folder) {
        return folder.dir().resolve("val-f1.png");
    }
}

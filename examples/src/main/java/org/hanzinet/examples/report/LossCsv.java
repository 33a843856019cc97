package org.hanzinet.examples.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hanzinet.core.io.AtomicFiles;
import org.hanzinet.examples.train.EpochRecord;

/** {@code losses.csv}: epoch, mean train loss, last-batch train loss (the seed's figure), validation loss, seconds. */
public final class LossCsv {
    static final String HEADER = "epoch,train_loss,last_batch_loss,val_loss,seconds";

    private LossCsv() {}

    public static void write(Path file, List<EpochRecord> history) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (EpochRecord r : history) {
            // Full precision (repr of the double) so resumed and uninterrupted runs compare bit for bit.
            lines.add(r.epoch() + "," + r.trainLoss() + "," + r.lastBatchLoss() + "," + r.valLoss() + ","
                    + String.format(java.util.Locale.ROOT, "%.3f", r.seconds()));
        }
        AtomicFiles.writeLines(file, lines);
    }

    public static List<EpochRecord> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(file + ": not a losses CSV (expected header '" + HEADER + "')");
        }
        List<EpochRecord> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (f.length != 5) {
                throw new IOException(file + " line " + (i + 1) + ": expected 5 fields, got " + f.length);
            }
            out.add(new EpochRecord(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4])));
        }
        return out;
    }
}

package org.hanzinet.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.checkpoint.Checkpoint;
import org.hanzinet.nn.optim.Optimizer;

/**
 * The library's checkpoint file ({@link Checkpoint}: safetensors, PyTorch names, optimiser state under
 * {@code optim.}, provenance) with the epoch reached ({@value #EPOCH_KEY}) and the loss history
 * ({@value #HISTORY_KEY}, {@code epoch,meanLoss,lastLoss;...}) in its metadata.
 */
public final class SafetensorsEpochCheckpoint implements EpochCheckpoint {
    public static final String EPOCH_KEY = "hanzinet.spark.epoch";
    public static final String HISTORY_KEY = "hanzinet.spark.history";
    private final Path file;
    private final String configJson;
    private final long seed;

    public SafetensorsEpochCheckpoint(Path file, SparkTrainingConfig config) {
        this.file = file;
        this.configJson = config.toJson();
        this.seed = config.seed();
    }

    public Path file() {
        return file;
    }

    @Override
    public void save(Module model, Optimizer optimizer, int epoch, List<EpochLoss> history) throws IOException {
        StringBuilder h = new StringBuilder();
        for (EpochLoss e : history) {
            h.append(h.length() == 0 ? "" : ";").append(String.format(Locale.ROOT, "%d,%s,%s", e.epoch(),
                    Double.toString(e.meanLoss()), Double.toString(e.lastLoss())));
        }
        Checkpoint.save(file, model, optimizer, configJson, seed,
                Map.of(EPOCH_KEY, Integer.toString(epoch), HISTORY_KEY, h.toString()));
    }

    @Override
    public OptionalInt load(Module model, Optimizer optimizer) throws IOException {
        if (!Files.exists(file)) {
            return OptionalInt.empty();
        }
        Map<String, String> meta = Checkpoint.load(file, model, optimizer);
        String epoch = meta.get(EPOCH_KEY);
        if (epoch == null || !epoch.matches("\\d+")) {
            throw new IllegalArgumentException(file + ": metadata " + EPOCH_KEY + " must be an epoch number, got " + epoch);
        }
        return OptionalInt.of(Integer.parseInt(epoch));
    }
}

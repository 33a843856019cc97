package org.hanzinet.examples.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.ToDoubleFunction;
import org.hanzinet.examples.train.CheckpointStore;
import org.hanzinet.examples.train.EpochRecord;
import org.hanzinet.examples.train.ProgressBar;
import org.hanzinet.examples.train.RunCheckpoint;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.optim.Optimizer;
import org.hanzinet.spark.EpochCheckpoint;
import org.hanzinet.spark.EpochLoss;

/**
 * The Spark trainer's per-epoch checkpoint written as the run folder's {@link RunCheckpoint}: each epoch
 * becomes an {@link EpochRecord} (mean and last step loss from Spark, validation loss computed on the
 * driver, wall time), printed as the single-machine trainer prints it, so the folder is an ordinary run.
 */
final class RunEpochCheckpoint implements EpochCheckpoint {
    private final RunCheckpoint store;
    private final ToDoubleFunction<Module> validation;
    private final int epochs;
    private final PrintWriter out;
    private final List<EpochRecord> history = new ArrayList<>();
    private long epochStart = System.nanoTime();

    RunEpochCheckpoint(RunCheckpoint store, ToDoubleFunction<Module> validation, int epochs, PrintWriter out) {
        this.store = store;
        this.validation = validation;
        this.epochs = epochs;
        this.out = out;
    }

    @Override
    public void save(Module model, Optimizer optimizer, int epoch, List<EpochLoss> losses) throws IOException {
        EpochLoss e = losses.get(losses.size() - 1);
        double valLoss = validation.applyAsDouble(model);
        EpochRecord r = new EpochRecord(epoch, e.meanLoss(), e.lastLoss(), valLoss, (System.nanoTime() - epochStart) / 1e9);
        history.add(r);
        out.println("Epoch [" + epoch + "/" + epochs + "], Loss: " + r.lastBatchLoss());
        out.printf(Locale.ROOT, "  mean train loss %.6f, validation loss %.6f (%s)%n", r.trainLoss(), r.valLoss(),
                ProgressBar.formatDuration(r.seconds()));
        out.flush();
        store.save(model, optimizer, epoch, List.copyOf(history));
        epochStart = System.nanoTime();
    }

    @Override
    public OptionalInt load(Module model, Optimizer optimizer) throws IOException {
        var restored = store.load(model, optimizer);
        restored.map(CheckpointStore.Restored::history).ifPresent(history::addAll);
        return restored.map(r -> OptionalInt.of(r.epoch())).orElse(OptionalInt.empty());
    }

    /** Every epoch so far, restored ones included. */
    List<EpochRecord> history() {
        return List.copyOf(history);
    }
}

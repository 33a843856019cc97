package org.hanzinet.examples.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hanzinet.core.Seeds;
import org.hanzinet.data.dataset.Batch;
import org.hanzinet.data.dataset.BatchBuffers;
import org.hanzinet.data.dataset.CtwDataset;
import org.hanzinet.data.dataset.DataLoader;
import org.hanzinet.data.dataset.LoaderOptions;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.loss.BCELoss;
import org.hanzinet.nn.loss.Reduction;
import org.hanzinet.nn.optim.Optimizer;
import org.hanzinet.nn.train.DropoutSeeds;
import org.hanzinet.nn.train.TrainingStep;

/**
 * The training loop: per epoch a shuffled pass over the training split through the data module's
 * {@link DataLoader} (order drawn from (seed, SHUFFLE, epoch)), dropout reseeded per batch from
 * (seed, DROPOUT, epoch, batch), validation loss, and a checkpoint. Because no random state crosses an
 * epoch boundary except through the checkpoint, resuming gives the same losses bit for bit as an
 * uninterrupted run (same seed, same thread count). Training and validation batches are prepared on the
 * training thread (no prefetch: at 2048 px a second batch would cost 0.5 GB for a few per cent of
 * speed) into one set of batch tensors that both loaders reuse for the whole run.
 */
public final class Trainer {
    private final Module model;
    private final Optimizer optimizer;
    private final CheckpointStore checkpoints;
    private final PrintWriter out;
    private final PrintWriter err;
    private final ProgressBar.Mode progressMode;
    private final TrainingStep step;

    public Trainer(Module model, Optimizer optimizer, CheckpointStore checkpoints, PrintWriter out, PrintWriter err,
                   ProgressBar.Mode progressMode) {
        this.model = model;
        this.optimizer = optimizer;
        this.checkpoints = checkpoints;
        this.out = out;
        this.err = err;
        this.progressMode = progressMode;
        this.step = new TrainingStep(model, optimizer);
    }

    /**
     * Trains epochs {@code start.epoch()+1 .. epochs}; returns the whole history (restored + new).
     *
     * @throws TrainingDivergedException on a NaN/infinite batch loss (the last checkpoint stays as it was)
     */
    public List<EpochRecord> train(CtwDataset train, CtwDataset val, int epochs, int batchSize, long seed,
                                   CheckpointStore.Restored start) {
        return train(train, val, epochs, epochs, batchSize, seed, start);
    }

    /** As above, but stops (checkpoint written) after epoch {@code stopAfter}: a session of a longer run. */
    public List<EpochRecord> train(CtwDataset train, CtwDataset val, int epochs, int stopAfter,
                                   int batchSize, long seed, CheckpointStore.Restored start) {
        BatchBuffers buffers = new BatchBuffers();
        DataLoader trainLoader = new DataLoader(train, LoaderOptions.of(batchSize).withSeed(seed).withPrefetch(0, 1),
                buffers);
        DataLoader valLoader = new DataLoader(val, evaluationOptions(batchSize), buffers);
        List<EpochRecord> history = new ArrayList<>(start.history());
        for (int epoch = start.epoch() + 1; epoch <= Math.min(epochs, stopAfter); epoch++) {
            long t0 = System.nanoTime();
            double[] losses = trainEpoch(trainLoader, epoch, epochs, seed);
            double valLoss = val.size() == 0 ? Double.NaN : validationLoss(model, valLoader);
            EpochRecord r = new EpochRecord(epoch, losses[0], losses[1], valLoss, (System.nanoTime() - t0) / 1e9);
            history.add(r);
            // As the seed printed it: loss.item() of the last batch, a float32 shown as a double.
            out.println("Epoch [" + epoch + "/" + epochs + "], Loss: " + r.lastBatchLoss());
            out.printf(Locale.ROOT, "  mean train loss %.6f, validation loss %.6f (%s)%n", r.trainLoss(), r.valLoss(),
                    ProgressBar.formatDuration(r.seconds()));
            out.flush();
            try {
                checkpoints.save(model, optimizer, epoch, history);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the checkpoint after epoch " + epoch, e);
            }
        }
        return history;
    }

    /** Unshuffled, in file order, on the calling thread: validation and evaluation. */
    public static LoaderOptions evaluationOptions(int batchSize) {
        return LoaderOptions.of(batchSize).withShuffle(false).withPrefetch(0, 1);
    }

    /** One epoch; returns {mean batch loss, last batch loss}. */
    private double[] trainEpoch(DataLoader loader, int epoch, int epochs, long seed) {
        model.train();
        int batches = loader.batchCount();
        ProgressBar bar = new ProgressBar(err, String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs), batches,
                progressMode, 5000);
        double sum = 0;
        double last = Double.NaN;
        int images = 0;
        try (DataLoader.Epoch e = loader.epoch(epoch)) {
            for (int b = 0; b < batches; b++) {
                Batch batch = e.next();
                DropoutSeeds.reseed(model, Seeds.derive(seed, Seeds.DROPOUT, epoch, b));
                last = step(batch, epoch, b + 1);
                sum += last;
                images += batch.size();
                bar.update(b + 1, images, sum / (b + 1));
            }
        }
        return new double[] {sum / batches, last};
    }

    /** The library's step (forward, loss, backward, optimiser step) on one batch; returns the batch loss. */
    private double step(Batch batch, int epoch, int batchNumber) {
        float l = step.step(batch.images(), batch.masks(), batch.weights());
        if (!Float.isFinite(l)) {
            throw new TrainingDivergedException(epoch, batchNumber, l, epoch == 1
                    ? "No checkpoint was written (the first epoch had not finished)."
                    : "The checkpoint of epoch " + (epoch - 1) + " is kept unchanged.");
        }
        return l;
    }

    /** As the epoch's validation loss here, for a model trained elsewhere (train --spark); NaN when {@code val} is empty. */
    public static double validationLoss(Module model, CtwDataset val, int batchSize) {
        return val.size() == 0 ? Double.NaN
                : validationLoss(model, new DataLoader(val, evaluationOptions(batchSize), new BatchBuffers()));
    }

    /** Mean BCE over all non-ignored validation pixels, in evaluation mode (dropout off). */
    private static double validationLoss(Module model, DataLoader val) {
        BCELoss loss = new BCELoss(new BCELoss.Config(Reduction.MEAN_OVER_NONZERO_WEIGHT));
        model.eval();
        double sum = 0;
        double weight = 0;
        try (DataLoader.Epoch e = val.epoch(0)) {
            while (e.hasNext()) {
                Batch batch = e.next();
                float l = loss.forward(model.forward(batch.images()), batch.masks(), batch.weights());
                double w = batch.weights().sum();
                sum += l * w;
                weight += w;
            }
        } finally {
            model.train();
        }
        return weight == 0 ? Double.NaN : sum / weight;
    }
}

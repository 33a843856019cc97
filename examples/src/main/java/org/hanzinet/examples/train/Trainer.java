package org.hanzinet.examples.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.examples.data.Batch;
import org.hanzinet.examples.data.ImageSample;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.layers.Dropout;
import org.hanzinet.nn.loss.BCELoss;
import org.hanzinet.nn.loss.Reduction;
import org.hanzinet.nn.optim.Optimizer;

/**
 * The training loop: per epoch a shuffled pass over the training split (order drawn from
 * (seed, epoch)), dropout reseeded per batch from (seed, epoch, batch), validation loss, and a checkpoint.
 * Because no random state crosses an epoch boundary except through the checkpoint, resuming gives the
 * same losses bit for bit as an uninterrupted run (same seed, same thread count).
 */
public final class Trainer {
    private final Module model;
    private final Optimizer optimizer;
    private final CheckpointStore checkpoints;
    private final PrintWriter out;
    private final PrintWriter err;
    private final ProgressBar.Mode progressMode;
    private final BCELoss loss = new BCELoss(new BCELoss.Config(Reduction.MEAN_OVER_NONZERO_WEIGHT));

    public Trainer(Module model, Optimizer optimizer, CheckpointStore checkpoints, PrintWriter out, PrintWriter err,
                   ProgressBar.Mode progressMode) {
        this.model = model;
        this.optimizer = optimizer;
        this.checkpoints = checkpoints;
        this.out = out;
        this.err = err;
        this.progressMode = progressMode;
    }

    /**
     * Trains epochs {@code start.epoch()+1 .. epochs}; returns the whole history (restored + new).
     *
     * @throws TrainingDivergedException on a NaN/infinite batch loss (the last checkpoint stays as it was)
     */
    public List<EpochRecord> train(List<ImageSample> train, List<ImageSample> val, int epochs, int batchSize, long seed,
                                   CheckpointStore.Restored start) {
        return train(train, val, epochs, epochs, batchSize, seed, start);
    }

    /** As above, but stops (checkpoint written) after epoch {@code stopAfter}: a session of a longer run. */
    public List<EpochRecord> train(List<ImageSample> train, List<ImageSample> val, int epochs, int stopAfter,
                                   int batchSize, long seed, CheckpointStore.Restored start) {
        List<EpochRecord> history = new ArrayList<>(start.history());
        for (int epoch = start.epoch() + 1; epoch <= Math.min(epochs, stopAfter); epoch++) {
            long t0 = System.nanoTime();
            double[] losses = trainEpoch(train, epoch, epochs, batchSize, seed);
            double valLoss = val.isEmpty() ? Double.NaN : validationLoss(val, batchSize);
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

    /** One epoch; returns {mean batch loss, last batch loss}. */
    private double[] trainEpoch(List<ImageSample> train, int epoch, int epochs, int batchSize, long seed) {
        model.train();
        int[] order = shuffledOrder(train.size(), Seeds.derive(seed, Seeds.SHUFFLE, epoch));
        int batches = (train.size() + batchSize - 1) / batchSize;
        ProgressBar bar = new ProgressBar(err, String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs), batches,
                progressMode, 5000);
        double sum = 0;
        double last = Double.NaN;
        for (int b = 0; b < batches; b++) {
            int from = b * batchSize;
            int to = Math.min(train.size(), from + batchSize);
            Batch batch = Batch.of(train, order, from, to);
            reseedDropout(model, Seeds.derive(seed, Seeds.DROPOUT, epoch, b));
            last = step(batch, epoch, b + 1);
            sum += last;
            bar.update(b + 1, to, sum / (b + 1));
        }
        return new double[] {sum / batches, last};
    }

    /** Forward, loss, backward, optimiser step on one batch; returns the batch loss. */
    private double step(Batch batch, int epoch, int batchNumber) {
        optimizer.zeroGrad();
        Tensor probs = model.forward(batch.images());
        float l = firstNonFinite(probs);
        if (Float.isFinite(l)) {
            l = loss.forward(probs, batch.masks(), batch.weights());
        }
        if (!Float.isFinite(l)) {
            throw new TrainingDivergedException(epoch, batchNumber, l, epoch == 1
                    ? "No checkpoint was written (the first epoch had not finished)."
                    : "The checkpoint of epoch " + (epoch - 1) + " is kept unchanged.");
        }
        model.backward(loss.backward());
        optimizer.step();
        return l;
    }

    /** The first NaN/infinite value of {@code t}, or 0 when all are finite (BCELoss refuses NaN inputs). */
    private static float firstNonFinite(Tensor t) {
        float[] d = t.data();
        for (int i = t.offset(), end = t.offset() + t.numel(); i < end; i++) {
            if (!Float.isFinite(d[i])) {
                return d[i];
            }
        }
        return 0f;
    }

    /** Mean BCE over all non-ignored validation pixels, in evaluation mode (dropout off). */
    public double validationLoss(List<ImageSample> val, int batchSize) {
        model.eval();
        double sum = 0;
        double weight = 0;
        try {
            for (int from = 0; from < val.size(); from += batchSize) {
                Batch batch = Batch.range(val, from, Math.min(val.size(), from + batchSize));
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

    /** A Fisher-Yates permutation of {@code 0..n-1} from its own seed. */
    public static int[] shuffledOrder(int n, long seed) {
        Rng rng = new Rng(seed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Gives every Dropout in the model a seed derived from {@code seed} and its position. */
    static void reseedDropout(Module m, long seed) {
        int[] counter = {0};
        visit(m, seed, counter);
    }

    private static void visit(Module m, long seed, int[] counter) {
        if (m instanceof Dropout d) {
            d.reseed(Seeds.derive(seed, Seeds.DROPOUT, counter[0]++));
        }
        for (Module c : m.children().values()) {
            visit(c, seed, counter);
        }
    }
}

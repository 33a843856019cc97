package org.hanzinet.examples.train;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.optim.Optimizer;

/**
 * Where a training run keeps its per-epoch checkpoint: model parameters, optimiser state, the epoch
 * reached and the loss history so far (so a resumed run writes the full history).
 */
public interface CheckpointStore {
    /** The state a checkpoint restores: the last completed epoch and the history up to it. */
    record Restored(int epoch, List<EpochRecord> history) {}

    /** Atomically replaces the checkpoint with the state after {@code epoch}. */
    void save(Module model, Optimizer optimizer, int epoch, List<EpochRecord> history) throws IOException;

    /** Loads the checkpoint into {@code model} and {@code optimizer}; empty when there is none. */
    Optional<Restored> load(Module model, Optimizer optimizer) throws IOException;

    /** The history stored in the checkpoint (empty when there is none), without touching a model. */
    java.util.List<EpochRecord> savedHistory() throws IOException;
}

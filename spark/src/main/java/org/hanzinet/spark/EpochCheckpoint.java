package org.hanzinet.spark;

import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.optim.Optimizer;

/**
 * Where the driver keeps the run's checkpoint after every epoch, and resumes from. The examples' CLI
 * plugs in its run checkpoint (so a Spark-trained model is an ordinary run folder);
 * {@link SafetensorsEpochCheckpoint} is the library's own.
 */
public interface EpochCheckpoint {
    /** Atomically replaces the checkpoint with the state after {@code epoch}. */
    void save(Module model, Optimizer optimizer, int epoch, List<EpochLoss> history) throws IOException;

    /** Loads the checkpoint into model and optimiser and returns its epoch; empty when there is none. */
    OptionalInt load(Module model, Optimizer optimizer) throws IOException;
}

package org.hanzinet.spark;

import java.io.Serializable;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.optim.Optimizer;

/**
 * Builds the optimiser of a model: on the driver (synchronous training steps only there) and, for
 * parameter averaging, on every worker for its local steps.
 */
@FunctionalInterface
public interface OptimizerFactory extends Serializable {
    Optimizer create(Module model);
}

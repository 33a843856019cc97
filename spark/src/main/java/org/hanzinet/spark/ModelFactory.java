package org.hanzinet.spark;

import java.io.Serializable;
import org.hanzinet.nn.Module;

/**
 * Builds the network on the driver and on every worker: shipped to the workers instead of the model
 * (whose buffers are large and not serializable). Every call must build the same architecture with the
 * same parameter names and shapes; the initial values do not matter on the workers, which load the
 * driver's weights before each step.
 */
@FunctionalInterface
public interface ModelFactory extends Serializable {
    Module create();
}

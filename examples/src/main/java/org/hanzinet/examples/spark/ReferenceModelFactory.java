package org.hanzinet.examples.spark;

import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.examples.train.TrainingRun;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.optim.Optimizer;
import org.hanzinet.spark.ModelFactory;
import org.hanzinet.spark.OptimizerFactory;

/**
 * The run's reference model and optimiser for the Spark trainer, built as {@link TrainingRun} builds them
 * on one machine (weights from (seed, INIT)), so the driver starts from the single-process run's weights.
 * Shipped to every worker with the run configuration.
 */
public record ReferenceModelFactory(RunConfig config) implements ModelFactory, OptimizerFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public Module create() {
        return TrainingRun.buildModel(config);
    }

    @Override
    public Optimizer create(Module model) {
        return TrainingRun.buildOptimizer(config, model);
    }
}

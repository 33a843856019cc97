package org.hanzinet.nn.optim;

import java.util.Map;
import org.hanzinet.core.Tensor;

/**
 * Updates parameters in place from their accumulated gradients. All optimiser state (momentum,
 * moment estimates, the step count) lives here, never in the layers, and is exposed by name for
 * checkpoints: {@code <param>.momentum_buffer}, {@code <param>.exp_avg}, {@code <param>.exp_avg_sq}
 * (each shaped as its parameter) and a 1-element {@code step}.
 */
public interface Optimizer {

    /** One update of every parameter from its current gradient. */
    void step();

    /**
     * The learning rate the next {@link #step()} uses (PyTorch's {@code param_groups[0]["lr"]}); it starts at
     * the configured one and is changed by {@link #setLearningRate} or a
     * {@link org.hanzinet.nn.optim.schedule.LrScheduler}.
     */
    double learningRate();

    /**
     * Sets the learning rate of the following steps.
     *
     * @throws IllegalArgumentException when {@code lr} is negative, NaN or infinite
     */
    void setLearningRate(double lr);

    /** Sets every parameter's gradient to 0. */
    void zeroGrad();

    /**
     * The state by name. Buffers are returned live, not copied (a copy of model 1's momentum would be
     * 4.2 GB): read or save them, do not modify them. Before the first step only {@code step} (= 0) exists.
     */
    Map<String, Tensor> state();

    /**
     * Replaces the state with {@code state} (values are copied). Validates everything first, so a
     * rejected map leaves the optimiser unchanged.
     *
     * @throws IllegalArgumentException naming the first unknown, missing or mis-shaped entry
     */
    void loadState(Map<String, Tensor> state);
}

package org.hanzinet.nn.optim;

import java.util.Map;
import org.hanzinet.core.Tensor;

/**
 * Updates parameters from their accumulated gradients. State (momentum, moments, step count) lives
 * here, never in layers; {@link #state()} exposes it by name for checkpoints:
 * {@code <param>.momentum_buffer}, {@code <param>.exp_avg}, {@code <param>.exp_avg_sq}, and a
 * 1-element tensor {@code step}.
 */
public interface Optimizer {
    void step();

    void zeroGrad();

    Map<String, Tensor> state();

    void loadState(Map<String, Tensor> state);
}

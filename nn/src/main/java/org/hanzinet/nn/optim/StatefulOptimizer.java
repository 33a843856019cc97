package org.hanzinet.nn.optim;

import java.util.Map;
import org.hanzinet.core.Tensor;

/**
 * What SGD, Adam and AdamW share: their parameters, per-parameter buffers, step count and learning rate
 * live in one {@link OptimSupport}; this base hands the {@link Optimizer} calls that do not depend on the
 * update rule to it, so each optimiser writes only its {@link #step()}.
 */
abstract class StatefulOptimizer implements Optimizer {
    final OptimSupport support;

    StatefulOptimizer(OptimSupport support) {
        this.support = support;
    }

    @Override
    public final double learningRate() {
        return support.lr();
    }

    @Override
    public final void setLearningRate(double lr) {
        support.setLr(lr);
    }

    @Override
    public final void zeroGrad() {
        support.zeroGrad();
    }

    @Override
    public final Map<String, Tensor> state() {
        return support.state();
    }

    @Override
    public final void loadState(Map<String, Tensor> state) {
        support.loadState(state);
    }
}

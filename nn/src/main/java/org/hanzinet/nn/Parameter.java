package org.hanzinet.nn;

import org.hanzinet.core.Tensor;

/**
 * A trainable tensor and the gradient accumulated into it by {@link Module#backward}. The optimiser
 * reads both and updates the value in place; its own state (momentum, moments) lives in the optimiser.
 */
public final class Parameter {
    private final Tensor value;
    private final Tensor grad;

    public Parameter(Tensor value) {
        this.value = value;
        this.grad = value.zerosLike();
    }

    public Tensor value() {
        return value;
    }

    /** Same shape as {@link #value()}; backward passes add into it, {@link #zeroGrad()} clears it. */
    public Tensor grad() {
        return grad;
    }

    public void zeroGrad() {
        grad.fill(0f);
    }

    public int[] shape() {
        return value.shape();
    }
}

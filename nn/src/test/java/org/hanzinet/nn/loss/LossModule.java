package org.hanzinet.nn.loss;

import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;

/** Presents a loss of its first argument as a module [..] -> [1], so GradientCheck can probe its backward. */
final class LossModule extends Module {
    interface LossFn {
        float forward(Tensor input);
    }

    private final LossFn forward;
    private final java.util.function.Supplier<Tensor> backward;

    LossModule(LossFn forward, java.util.function.Supplier<Tensor> backward) {
        this.forward = forward;
        this.backward = backward;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Tensor.of(new float[] {forward.forward(input)}, 1);
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        return backward.get().copy().scale(gradOutput.getFlat(0));
    }
}

package org.hanzinet.nn.parity;

import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;

/**
 * Dropout with a mask supplied from outside, {@code out = x * mask / (1 - p)}, so a model test can use
 * the mask PyTorch used; hanzinet's {@link org.hanzinet.nn.layers.Dropout} draws its own.
 */
final class GivenMaskDropout extends Module {
    private final Tensor scaledMask;

    GivenMaskDropout(Tensor mask, float p) {
        this.scaledMask = mask.copy();
        float inv = 1f - p;
        scaledMask.map(v -> v / inv);
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.copy().mul(scaledMask);
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        return gradOutput.copy().mul(scaledMask);
    }
}

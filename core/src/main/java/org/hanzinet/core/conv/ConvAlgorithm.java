package org.hanzinet.core.conv;

import org.hanzinet.core.Tensor;

/**
 * One implementation of the 2-D convolution (cross-correlation, as PyTorch's Conv2d): forward, input
 * gradient and weight/bias gradient on NCHW float32 tensors. Instances keep work buffers between
 * calls (so the hot path allocates nothing after the first call at a given shape) and are therefore
 * not safe for concurrent use; each multi-threads internally with {@link org.hanzinet.core.Parallel}.
 *
 * <p>Shapes: input {@code x [N, C, H, W]}, weight {@code w [O, C, KH, KW]}, bias {@code b [O]},
 * output {@code y [N, O, OH, OW]}; see {@link ConvGeometry}. All tensors must be contiguous.
 */
public interface ConvAlgorithm {

    /** The implementation this is. */
    ConvImpl impl();

    /** {@code y = conv(x, w) + b}; {@code b} may be null; {@code y} is overwritten. Returns {@code y}. */
    Tensor forward(ConvGeometry g, Tensor x, Tensor w, Tensor b, Tensor y);

    /** {@code dx = dL/dx} given {@code dy = dL/dy}; {@code dx} is overwritten. Returns {@code dx}. */
    Tensor backwardInput(ConvGeometry g, Tensor dy, Tensor w, Tensor dx);

    /** Adds {@code dL/dw} into {@code dw} and {@code dL/db} into {@code db} (which may be null). */
    void backwardWeight(ConvGeometry g, Tensor x, Tensor dy, Tensor dw, Tensor db);

    /** Checks every tensor's shape against {@code g}, naming the offending one. */
    static void checkForward(ConvGeometry g, Tensor x, Tensor w, Tensor b, Tensor y) {
        ConvGeometry.require("input", x, g.inputShape());
        ConvGeometry.require("weight", w, g.weightShape());
        if (b != null) {
            ConvGeometry.require("bias", b, g.outChannels());
        }
        ConvGeometry.require("output", y, g.outputShape());
    }

    static void checkBackward(ConvGeometry g, Tensor x, Tensor dy, Tensor w, Tensor b) {
        if (x != null) {
            ConvGeometry.require("input", x, g.inputShape());
        }
        ConvGeometry.require("output gradient", dy, g.outputShape());
        ConvGeometry.require("weight", w, g.weightShape());
        if (b != null) {
            ConvGeometry.require("bias", b, g.outChannels());
        }
    }
}

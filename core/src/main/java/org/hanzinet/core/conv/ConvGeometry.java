package org.hanzinet.core.conv;

import java.util.Arrays;
import org.hanzinet.core.Tensor;

/**
 * The shape of one 2-D convolution call: input {@code [batch, inChannels, height, width]} (NCHW), square
 * kernel, weight {@code [outChannels, inChannels, kernel, kernel]}, output
 * {@code [batch, outChannels, outHeight, outWidth]} with {@code out = (in + 2 * padding - kernel) / stride + 1}
 * (PyTorch's rounding down).
 */
public record ConvGeometry(int batch, int inChannels, int height, int width, int outChannels, int kernel, int stride,
        int padding) {

    public ConvGeometry {
        requirePositive("batch", batch);
        requirePositive("inChannels", inChannels);
        requirePositive("height", height);
        requirePositive("width", width);
        requirePositive("outChannels", outChannels);
        requirePositive("kernel", kernel);
        requirePositive("stride", stride);
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + padding);
        }
        if (height + 2 * padding < kernel || width + 2 * padding < kernel) {
            throw new IllegalArgumentException("input " + height + "x" + width + " with padding " + padding
                    + " is smaller than the " + kernel + "x" + kernel + " kernel");
        }
    }

    private static void requirePositive(String what, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + v);
        }
    }

    public int outHeight() {
        return (height + 2 * padding - kernel) / stride + 1;
    }

    public int outWidth() {
        return (width + 2 * padding - kernel) / stride + 1;
    }

    public int[] inputShape() {
        return new int[] {batch, inChannels, height, width};
    }

    public int[] weightShape() {
        return new int[] {outChannels, inChannels, kernel, kernel};
    }

    public int[] outputShape() {
        return new int[] {batch, outChannels, outHeight(), outWidth()};
    }

    /** Multiply-adds times two of one pass (forward, input gradient or weight gradient alike). */
    public double flops() {
        return 2.0 * batch * outChannels * outHeight() * outWidth() * inChannels * kernel * kernel;
    }

    /** The same convolution on a different batch size. */
    public ConvGeometry withBatch(int n) {
        return new ConvGeometry(n, inChannels, height, width, outChannels, kernel, stride, padding);
    }

    /** Throws {@link IllegalArgumentException} naming {@code what} unless {@code t} has {@code expected} shape. */
    static void require(String what, Tensor t, int... expected) {
        if (!Arrays.equals(t.shape(), expected)) {
            throw new IllegalArgumentException("conv2d: " + what + " must have shape " + Arrays.toString(expected)
                    + ", got " + Arrays.toString(t.shape()));
        }
    }

    @Override
    public String toString() {
        return "conv " + inChannels + "->" + outChannels + " k" + kernel + " s" + stride + " p" + padding + " on "
                + Arrays.toString(inputShape());
    }
}

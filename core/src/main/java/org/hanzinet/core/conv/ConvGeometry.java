package org.hanzinet.core.conv;

import java.util.Arrays;
import org.hanzinet.core.Tensor;

/**
 * The shape of one 2-D convolution call: input {@code [batch, inChannels, height, width]} (NCHW), kernel
 * {@code kernelH x kernelW}, weight {@code [outChannels, inChannels, kernelH, kernelW]}, output
 * {@code [batch, outChannels, outHeight, outWidth]} with {@code outHeight = (height + 2 * padH - kernelH) / strideH + 1}
 * and likewise for the width (PyTorch's rounding down). The 8-argument constructor is the square case
 * ({@code kernel, stride, padding} the same along both axes).
 */
public record ConvGeometry(int batch, int inChannels, int height, int width, int outChannels, int kernelH, int kernelW,
        int strideH, int strideW, int padH, int padW) {

    public ConvGeometry {
        requirePositive("batch", batch);
        requirePositive("inChannels", inChannels);
        requirePositive("height", height);
        requirePositive("width", width);
        requirePositive("outChannels", outChannels);
        requirePositive("kernelH", kernelH);
        requirePositive("kernelW", kernelW);
        requirePositive("strideH", strideH);
        requirePositive("strideW", strideW);
        if (padH < 0 || padW < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + padH + "x" + padW);
        }
        if (height + 2 * padH < kernelH || width + 2 * padW < kernelW) {
            throw new IllegalArgumentException("input " + height + "x" + width + " with padding " + padH + "x" + padW
                    + " is smaller than the " + kernelH + "x" + kernelW + " kernel");
        }
    }

    /** Square kernel, stride and padding. */
    public ConvGeometry(int batch, int inChannels, int height, int width, int outChannels, int kernel, int stride,
            int padding) {
        this(batch, inChannels, height, width, outChannels, kernel, kernel, stride, stride, padding, padding);
    }

    private static void requirePositive(String what, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + v);
        }
    }

    /** True when kernel, stride and padding are each the same along both axes. */
    public boolean isSquare() {
        return kernelH == kernelW && strideH == strideW && padH == padW;
    }

    /** The kernel size of a square geometry; throws for a rectangular one. */
    public int kernel() {
        requireSquare("kernel");
        return kernelH;
    }

    /** The stride of a square geometry; throws for a rectangular one. */
    public int stride() {
        requireSquare("stride");
        return strideH;
    }

    /** The padding of a square geometry; throws for a rectangular one. */
    public int padding() {
        requireSquare("padding");
        return padH;
    }

    private void requireSquare(String what) {
        if (!isSquare()) {
            throw new IllegalStateException(what + "() of a rectangular geometry (" + this
                    + "): use the per-axis accessors");
        }
    }

    public int outHeight() {
        return (height + 2 * padH - kernelH) / strideH + 1;
    }

    public int outWidth() {
        return (width + 2 * padW - kernelW) / strideW + 1;
    }

    /** Taps of one output channel's kernel: {@code inChannels * kernelH * kernelW}. */
    public int taps() {
        return inChannels * kernelH * kernelW;
    }

    public int[] inputShape() {
        return new int[] {batch, inChannels, height, width};
    }

    public int[] weightShape() {
        return new int[] {outChannels, inChannels, kernelH, kernelW};
    }

    public int[] outputShape() {
        return new int[] {batch, outChannels, outHeight(), outWidth()};
    }

    /** Multiply-adds times two of one pass (forward, input gradient or weight gradient alike). */
    public double flops() {
        return 2.0 * batch * outChannels * outHeight() * outWidth() * inChannels * kernelH * kernelW;
    }

    /** The same convolution on a different batch size. */
    public ConvGeometry withBatch(int n) {
        return new ConvGeometry(n, inChannels, height, width, outChannels, kernelH, kernelW, strideH, strideW, padH,
                padW);
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
        String kind = isSquare() ? " k" + kernelH + " s" + strideH + " p" + padH
                : " k" + kernelH + "x" + kernelW + " s" + strideH + "x" + strideW + " p" + padH + "x" + padW;
        return "conv " + inChannels + "->" + outChannels + kind + " on " + Arrays.toString(inputShape());
    }
}

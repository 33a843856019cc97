package org.hanzinet.examples.model;

import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.layers.UpsampleBilinear2d;
import org.hanzinet.nn.layers.UpsampleNearest1d;

/**
 * Brings a model's K output probabilities to a per-pixel map: {@code [N, K] -> [N, 1, H, W]}.
 *
 * <p>{@link Head#BANDS_1D}: {@code [N, K] -> [N, 1, K] -> nearest 1-D -> [N, 1, H*W] -> [N, 1, H, W]}
 * (the seed's {@code nn.Upsample(size=H*W)} on a 3-D tensor). {@link Head#GRID_2D}:
 * {@code [N, K] -> [N, 1, gh, gw] -> bilinear -> [N, 1, H, W]}. The reshapes are views, so backward only
 * reshapes the gradient back.
 */
final class HeadUpsample extends Module {
    private final Head head;
    private final int k;
    private final int gridH;
    private final int gridW;
    private final int height;
    private final int width;
    private final Module upsample;

    HeadUpsample(Head head, int k, int gridH, int gridW, int height, int width) {
        if (head == Head.GRID_2D && gridH * gridW != k) {
            throw new IllegalArgumentException("head grid " + gridH + "x" + gridW + " does not hold " + k + " outputs");
        }
        this.head = head;
        this.k = k;
        this.gridH = gridH;
        this.gridW = gridW;
        this.height = height;
        this.width = width;
        this.upsample = head == Head.BANDS_1D
                ? new UpsampleNearest1d(Math.multiplyExact(height, width))
                : new UpsampleBilinear2d(height, width);
    }

    @Override
    public Tensor forward(Tensor input) {
        int n = input.requireShape("head", input.size(0), k).size(0);
        Tensor in = head == Head.BANDS_1D ? input.reshape(n, 1, k) : input.reshape(n, 1, gridH, gridW);
        return upsample.forward(in).reshape(n, 1, height, width);
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        int n = gradOutput.size(0);
        Tensor g = head == Head.BANDS_1D ? gradOutput.reshape(n, 1, height * width) : gradOutput;
        return upsample.backward(g).reshape(n, k);
    }
}

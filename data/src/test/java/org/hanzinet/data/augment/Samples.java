package org.hanzinet.data.augment;

import org.hanzinet.core.Tensor;
import org.hanzinet.data.dataset.Sample;

/**
 * Test pictures whose image channels say where the masks are, so alignment can be read back after a
 * warp: red = 1 inside the character square (the mask), green = 1 inside the ignore rectangle (the
 * ignore mask), blue = 0.25 everywhere (0 where a warp padded from outside the picture).
 */
final class Samples {
    private Samples() {
    }

    /** {@code w x h}, character square {@code [sx0, sx1) x [sy0, sy1)}, ignore rectangle {@code [ix0, ix1) x [iy0, iy1)}. */
    static Sample marked(int w, int h, int sx0, int sy0, int sx1, int sy1, int ix0, int iy0, int ix1, int iy1) {
        int n = w * h;
        float[] img = new float[3 * n];
        float[] mask = new float[n];
        float[] ignore = new float[n];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                boolean ch = x >= sx0 && x < sx1 && y >= sy0 && y < sy1;
                boolean ig = x >= ix0 && x < ix1 && y >= iy0 && y < iy1;
                mask[i] = ch ? 1 : 0;
                ignore[i] = ig ? 1 : 0;
                img[i] = ch ? 1 : 0;
                img[n + i] = ig ? 1 : 0;
                img[2 * n + i] = 0.25f;
            }
        }
        return new Sample("marked", Tensor.of(img, 3, h, w), Tensor.of(mask, 1, h, w), Tensor.of(ignore, 1, h, w));
    }

    /** A smooth, colourful, textured {@code w x h} picture with an empty mask. */
    static Sample textured(int w, int h) {
        int n = w * h;
        float[] img = new float[3 * n];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                img[i] = (float) (0.5 + 0.4 * Math.sin(x * 0.7) * Math.cos(y * 0.3));
                img[n + i] = (float) x / w;
                img[2 * n + i] = ((x / 4 + y / 4) % 2) * 0.8f + 0.1f;
            }
        }
        return new Sample("textured", Tensor.of(img, 3, h, w), Tensor.zeros(1, h, w), Tensor.zeros(1, h, w));
    }

    /** Every pixel the same colour. */
    static Sample flat(int w, int h, float r, float g, float b) {
        int n = w * h;
        float[] img = new float[3 * n];
        java.util.Arrays.fill(img, 0, n, r);
        java.util.Arrays.fill(img, n, 2 * n, g);
        java.util.Arrays.fill(img, 2 * n, 3 * n, b);
        return new Sample("flat", Tensor.of(img, 3, h, w), Tensor.zeros(1, h, w), Tensor.zeros(1, h, w));
    }
}

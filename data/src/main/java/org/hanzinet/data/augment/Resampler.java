package org.hanzinet.data.augment;

import org.hanzinet.core.Tensor;
import org.hanzinet.data.dataset.Sample;
import org.hanzinet.data.image.Homography;

/**
 * Warps a sample through a map from output pixels to input pixels: bilinear for the image (averaging
 * {@code samples x samples} points per pixel when shrinking, against aliasing), nearest for the masks,
 * so a mask stays 0/1 and keeps to the pixels the image moved to. Output pixels that map outside the
 * input are black in the image, 0 in the mask and 1 (ignored) in the ignore mask: they are not photo.
 */
final class Resampler {
    private Resampler() {
    }

    /**
     * @param outToIn maps output pixel coordinates (pixel centres at {@code x + 0.5}) to input ones
     * @param samples supersampling per axis for the image, 1 or more
     */
    static Sample warp(Sample in, int outW, int outH, Homography outToIn, int samples) {
        int w = in.width();
        int h = in.height();
        float[] src = in.image().toArray();   // [3, H, W]
        float[] srcMask = in.mask().toArray(); // [1, H, W]
        float[] srcIgnore = in.ignore().toArray();
        float[] img = new float[3 * outH * outW];
        float[] mask = new float[outH * outW];
        float[] ignore = new float[outH * outW];
        double[] uv = new double[2];
        int plane = outH * outW;
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int o = y * outW + x;
                outToIn.map(x + 0.5, y + 0.5, uv);
                int nx = (int) Math.floor(uv[0]);
                int ny = (int) Math.floor(uv[1]);
                if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
                    ignore[o] = 1;
                    continue;
                }
                mask[o] = srcMask[ny * w + nx];
                ignore[o] = srcIgnore[ny * w + nx];
                for (int c = 0; c < 3; c++) {
                    img[c * plane + o] = supersample(src, c * w * h, w, h, outToIn, x, y, samples, uv);
                }
            }
        }
        return new Sample(in.id(), Tensor.of(img, 3, outH, outW), Tensor.of(mask, 1, outH, outW),
                Tensor.of(ignore, 1, outH, outW));
    }

    private static float supersample(float[] src, int off, int w, int h, Homography outToIn, int x, int y, int samples,
            double[] uv) {
        double sum = 0;
        for (int sy = 0; sy < samples; sy++) {
            for (int sx = 0; sx < samples; sx++) {
                outToIn.map(x + (sx + 0.5) / samples, y + (sy + 0.5) / samples, uv);
                sum += bilinear(src, off, w, h, uv[0] - 0.5, uv[1] - 0.5);
            }
        }
        return (float) (sum / (samples * samples));
    }

    /** Bilinear value at {@code (u, v)} in pixel-index coordinates, edges clamped. */
    static double bilinear(float[] src, int off, int w, int h, double u, double v) {
        int iu = (int) Math.floor(u);
        int iv = (int) Math.floor(v);
        double fu = u - iu;
        double fv = v - iv;
        int u0 = clamp(iu, w);
        int u1 = clamp(iu + 1, w);
        int v0 = clamp(iv, h);
        int v1 = clamp(iv + 1, h);
        double top = src[off + v0 * w + u0] * (1 - fu) + src[off + v0 * w + u1] * fu;
        double bottom = src[off + v1 * w + u0] * (1 - fu) + src[off + v1 * w + u1] * fu;
        return top * (1 - fv) + bottom * fv;
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : Math.min(n - 1, i);
    }
}

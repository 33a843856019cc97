package org.hanzinet.data.augment;

import org.hanzinet.core.Rng;
import org.hanzinet.data.dataset.Sample;

/**
 * Gaussian blur of the image with a standard deviation uniform in {@code [minSigma, maxSigma]} pixels
 * (separable kernel of radius {@code ceil(3 sigma)}, edges clamped), as torchvision's
 * {@code GaussianBlur}. Masks are unchanged: a blurred character is still where it was.
 *
 * @param minSigma in [0.1, 20]
 * @param maxSigma in [minSigma, 20]
 */
public record GaussianBlur(double minSigma, double maxSigma) implements Augmentation {
    public GaussianBlur {
        Check.inRange("GaussianBlur.minSigma", minSigma, 0.1, 20);
        Check.inRange("GaussianBlur.maxSigma", maxSigma, 0.1, 20);
        Check.ordered("GaussianBlur sigma", minSigma, maxSigma);
    }

    @Override
    public Sample apply(Sample in, Rng rng) {
        double sigma = Check.uniform(rng, minSigma, maxSigma);
        int w = in.width();
        int h = in.height();
        float[] kernel = kernel(sigma);
        float[] rgb = in.image().toArray();
        float[] tmp = new float[w * h];
        for (int c = 0; c < 3; c++) {
            int off = c * w * h;
            for (int y = 0; y < h; y++) { // rows into tmp
                for (int x = 0; x < w; x++) {
                    tmp[y * w + x] = convolve(rgb, off + y * w, 1, w, x, kernel);
                }
            }
            for (int y = 0; y < h; y++) { // columns back
                for (int x = 0; x < w; x++) {
                    rgb[off + y * w + x] = convolve(tmp, x, w, h, y, kernel);
                }
            }
        }
        return Photometric.withImage(in, rgb);
    }

    /** Normalised weights {@code [2r + 1]}. */
    static float[] kernel(double sigma) {
        int r = (int) Math.ceil(3 * sigma);
        float[] k = new float[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            double v = Math.exp(-i * i / (2 * sigma * sigma));
            k[i + r] = (float) v;
            sum += v;
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) sum;
        }
        return k;
    }

    /** Sum over {@code k} of {@code src[start + stride * clamp(i + k - r)]}, a line of {@code n} values. */
    private static float convolve(float[] src, int start, int stride, int n, int i, float[] k) {
        int r = k.length / 2;
        double acc = 0;
        for (int j = 0; j < k.length; j++) {
            int at = Math.max(0, Math.min(n - 1, i + j - r));
            acc += k[j] * src[start + stride * at];
        }
        return (float) acc;
    }
}

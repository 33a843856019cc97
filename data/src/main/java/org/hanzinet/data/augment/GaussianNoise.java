package org.hanzinet.data.augment;

import org.hanzinet.core.Rng;
import org.hanzinet.data.dataset.Sample;

/**
 * Adds independent Gaussian noise to every image value, with a standard deviation uniform in
 * {@code [minSigma, maxSigma]} (in units of the [0, 1] range), then clamps to [0, 1]
 * (albumentations' {@code GaussNoise}). Masks are unchanged.
 *
 * @param minSigma in [0, 1]
 * @param maxSigma in [minSigma, 1]
 */
public record GaussianNoise(double minSigma, double maxSigma) implements Augmentation {
    public GaussianNoise {
        Check.inRange("GaussianNoise.minSigma", minSigma, 0, 1);
        Check.inRange("GaussianNoise.maxSigma", maxSigma, 0, 1);
        Check.ordered("GaussianNoise sigma", minSigma, maxSigma);
    }

    @Override
    public Sample apply(Sample in, Rng rng) {
        double sigma = Check.uniform(rng, minSigma, maxSigma);
        float[] rgb = in.image().toArray();
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] += (float) (sigma * rng.nextGaussian());
        }
        return Photometric.withImage(in, rgb);
    }
}

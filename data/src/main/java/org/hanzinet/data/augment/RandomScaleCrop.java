package org.hanzinet.data.augment;

import org.hanzinet.core.Rng;
import org.hanzinet.data.dataset.Sample;
import org.hanzinet.data.image.Homography;

/**
 * Random scale, then a random {@code width x height} crop (torchvision's {@code RandomResizedCrop}
 * with the aspect ratio kept, or albumentations' {@code RandomScale} + {@code RandomCrop}). The scale
 * is log-uniform in {@code [minScale, maxScale]}, so shrinking by 2 is as likely as enlarging by 2.
 * When the scaled picture is smaller than the crop, it lands at a random place inside it and the rest
 * is padding (black, ignored).
 *
 * @param width    output width in pixels, >= 1
 * @param height   output height in pixels, >= 1
 * @param minScale smallest scale factor, in [0.01, 100]
 * @param maxScale largest scale factor, in [minScale, 100]
 */
public record RandomScaleCrop(int width, int height, double minScale, double maxScale) implements Augmentation {
    public RandomScaleCrop {
        Check.inRange("RandomScaleCrop.width", width, 1, 1 << 15);
        Check.inRange("RandomScaleCrop.height", height, 1, 1 << 15);
        Check.inRange("RandomScaleCrop.minScale", minScale, 0.01, 100);
        Check.inRange("RandomScaleCrop.maxScale", maxScale, 0.01, 100);
        Check.ordered("RandomScaleCrop scale", minScale, maxScale);
    }

    @Override
    public Sample apply(Sample in, Rng rng) {
        double s = Math.exp(Check.uniform(rng, Math.log(minScale), Math.log(maxScale)));
        // Top-left of the crop in the scaled picture; negative when the picture is smaller (padding).
        double ox = (in.width() * s - width) * rng.nextDouble();
        double oy = (in.height() * s - height) * rng.nextDouble();
        ox = Math.round(ox);
        oy = Math.round(oy);
        Homography outToIn = Homography.affine(1 / s, 0, ox / s, 0, 1 / s, oy / s);
        int samples = s >= 0.75 ? 1 : (int) Math.min(4, Math.ceil(1 / s));
        return Resampler.warp(in, width, height, outToIn, samples);
    }
}

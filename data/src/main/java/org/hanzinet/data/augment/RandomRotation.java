package org.hanzinet.data.augment;

import org.hanzinet.core.Rng;
import org.hanzinet.data.dataset.Sample;
import org.hanzinet.data.image.Homography;

/**
 * Rotation about the image centre by an angle uniform in {@code [-maxDegrees, maxDegrees]}, same
 * size out (torchvision's {@code RandomRotation}); corners that come from outside are black and ignored.
 *
 * @param maxDegrees in [0, 180]
 */
public record RandomRotation(double maxDegrees) implements Augmentation {
    public RandomRotation {
        Check.inRange("RandomRotation.maxDegrees", maxDegrees, 0, 180);
    }

    @Override
    public Sample apply(Sample in, Rng rng) {
        double a = Math.toRadians(Check.uniform(rng, -maxDegrees, maxDegrees));
        double cx = in.width() / 2.0;
        double cy = in.height() / 2.0;
        double cos = Math.cos(a);
        double sin = Math.sin(a);
        // Output -> input is the inverse rotation about the centre.
        Homography outToIn = Homography.affine(cos, sin, cx - cos * cx - sin * cy, -sin, cos, cy + sin * cx - cos * cy);
        return Resampler.warp(in, in.width(), in.height(), outToIn, 1);
    }
}

package org.hanzinet.data.augment;

import org.hanzinet.core.Rng;
import org.hanzinet.data.dataset.Sample;
import org.hanzinet.data.image.Homography;

/**
 * A random perspective (torchvision's {@code RandomPerspective}): each corner of the image moves
 * inwards by up to {@code distortion / 2} of the width and height, and the picture is warped so that
 * the moved corners fill the output (same size). Parts from outside the input are black and ignored.
 *
 * @param distortion in [0, 1]; 0 leaves the image as it is
 */
public record RandomPerspective(double distortion) implements Augmentation {
    public RandomPerspective {
        Check.inRange("RandomPerspective.distortion", distortion, 0, 1);
    }

    @Override
    public Sample apply(Sample in, Rng rng) {
        double w = in.width();
        double h = in.height();
        double dx = distortion * w / 2;
        double dy = distortion * h / 2;
        double[] out = {0, 0, w, 0, w, h, 0, h};
        double[] src = {
            dx * rng.nextDouble(), dy * rng.nextDouble(),
            w - dx * rng.nextDouble(), dy * rng.nextDouble(),
            w - dx * rng.nextDouble(), h - dy * rng.nextDouble(),
            dx * rng.nextDouble(), h - dy * rng.nextDouble()};
        // The output's corners show the input's inner quadrilateral.
        return Resampler.warp(in, in.width(), in.height(), Homography.fromQuads(out, src), 1);
    }
}

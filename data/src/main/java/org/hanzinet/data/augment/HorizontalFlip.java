package org.hanzinet.data.augment;

import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.data.dataset.Sample;

/**
 * Mirrors the image and both masks left to right. A mirrored hanzi is no character any more, but its
 * pixels are still text pixels, which is all a segmenter is asked; the probability lives in the pipeline.
 */
public record HorizontalFlip() implements Augmentation {
    @Override
    public Sample apply(Sample in, Rng rng) {
        return new Sample(in.id(), flip(in.image()), flip(in.mask()), flip(in.ignore()));
    }

    /** {@code [C, H, W] -> [C, H, W]} with {@code x -> W - 1 - x}. */
    private static Tensor flip(Tensor t) {
        int w = t.size(2);
        float[] src = t.toArray();
        float[] out = new float[src.length];
        for (int row = 0; row < src.length; row += w) {
            for (int x = 0; x < w; x++) {
                out[row + x] = src[row + w - 1 - x];
            }
        }
        return Tensor.of(out, t.shape());
    }
}

package org.hanzinet.data.augment;

import org.hanzinet.core.Rng;
import org.hanzinet.data.dataset.Sample;

/**
 * One random transform of a training sample: its image ({@code [3, H, W]}, values in [0, 1], before
 * any normalisation), its character mask and its ignore mask ({@code [1, H, W]}, 0 or 1) together.
 * Geometric transforms warp all three the same way; photometric ones change the image only. The
 * result depends only on the sample and the {@code rng}'s state; the input is never modified.
 */
public interface Augmentation {
    /** The transformed sample (new tensors; {@code in} is left as it was). */
    Sample apply(Sample in, Rng rng);
}

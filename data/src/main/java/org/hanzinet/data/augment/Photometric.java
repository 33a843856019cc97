package org.hanzinet.data.augment;

import org.hanzinet.core.Tensor;
import org.hanzinet.data.dataset.Sample;

/** Shared by the transforms that change the image only: the masks are passed on (shared, not copied). */
final class Photometric {
    private Photometric() {
    }

    /** {@code in} with its image replaced by {@code rgb} ({@code [3, H, W]}), values clamped to [0, 1]. */
    static Sample withImage(Sample in, float[] rgb) {
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = rgb[i] < 0 ? 0 : Math.min(1, rgb[i]);
        }
        return new Sample(in.id(), Tensor.of(rgb, 3, in.height(), in.width()), in.mask(), in.ignore());
    }
}

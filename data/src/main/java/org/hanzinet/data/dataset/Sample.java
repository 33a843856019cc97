package org.hanzinet.data.dataset;

import java.util.Arrays;
import java.util.Objects;
import org.hanzinet.core.Tensor;

/**
 * One training example.
 *
 * @param id     the image id (with {@code #<character>} for per-polygon samples), for messages and reports
 * @param image  {@code [3, H, W]} RGB, divided by 255 (and normalised if asked)
 * @param mask   {@code [1, H, W]} 1 inside a character polygon, else 0
 * @param ignore {@code [1, H, W]} 1 inside a CTW ignore region (to be left out of losses and metrics)
 */
public record Sample(String id, Tensor image, Tensor mask, Tensor ignore) {
    public Sample {
        Objects.requireNonNull(id, "id");
        if (image.dim() != 3 || image.size(0) != 3) {
            throw new IllegalArgumentException("sample " + id + ": image must be [3, H, W], got " + Arrays.toString(image.shape()));
        }
        int h = image.size(1);
        int w = image.size(2);
        mask.requireShape("sample " + id + " mask", 1, h, w);
        ignore.requireShape("sample " + id + " ignore", 1, h, w);
    }

    public int height() {
        return image.size(1);
    }

    public int width() {
        return image.size(2);
    }

    /** Bytes held by the three float tensors. */
    public long byteSize() {
        return 4L * (image.numel() + mask.numel() + ignore.numel());
    }
}

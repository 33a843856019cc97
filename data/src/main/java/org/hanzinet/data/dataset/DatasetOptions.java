package org.hanzinet.data.dataset;

import java.util.Objects;
import org.hanzinet.data.image.Normalization;

/**
 * How a {@link CtwDataset} prepares its samples.
 *
 * @param grouping      per image (default) or per polygon
 * @param width         resize every image (and its polygons) to this width, or 0 to keep each image's size
 * @param height        target height, or 0 (both or neither are 0)
 * @param normalization applied after {@code / 255}
 * @param cacheBytes    keep up to this many bytes of decoded (and resized) uint8 images in an LRU cache;
 *                      0 decodes on the fly. Float tensors are never cached.
 */
public record DatasetOptions(Grouping grouping, int width, int height, Normalization normalization, long cacheBytes) {
    public DatasetOptions {
        Objects.requireNonNull(grouping, "grouping");
        Objects.requireNonNull(normalization, "normalization");
        if (width < 0 || height < 0 || (width == 0) != (height == 0)) {
            throw new IllegalArgumentException("target size must be two positive values or 0x0 (native), got " + width + "x" + height);
        }
        if (cacheBytes < 0) {
            throw new IllegalArgumentException("cacheBytes must be >= 0, got " + cacheBytes);
        }
    }

    /** Per image, native size, {@code / 255}, no cache. */
    public static DatasetOptions defaults() {
        return new DatasetOptions(Grouping.PER_IMAGE, 0, 0, Normalization.UNIT, 0);
    }

    public DatasetOptions withGrouping(Grouping g) {
        return new DatasetOptions(g, width, height, normalization, cacheBytes);
    }

    public DatasetOptions withSize(int w, int h) {
        return new DatasetOptions(grouping, w, h, normalization, cacheBytes);
    }

    public DatasetOptions withNormalization(Normalization n) {
        return new DatasetOptions(grouping, width, height, n, cacheBytes);
    }

    public DatasetOptions withCacheBytes(long bytes) {
        return new DatasetOptions(grouping, width, height, normalization, bytes);
    }

    public boolean resizes() {
        return width > 0;
    }
}

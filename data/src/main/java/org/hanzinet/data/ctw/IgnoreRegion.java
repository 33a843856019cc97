package org.hanzinet.data.ctw;

import java.util.Objects;

/**
 * A CTW {@code ignore} region: text that was not annotated character by character (too small, too
 * blurred, not legible). Losses and metrics leave these pixels out instead of counting them as background.
 */
public record IgnoreRegion(BoundingBox bbox, Polygon polygon) implements java.io.Serializable {
    public IgnoreRegion {
        Objects.requireNonNull(polygon, "polygon");
    }
}

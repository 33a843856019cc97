package org.hanzinet.data.ctw;

/** An axis-aligned box as CTW writes it: {@code [x, y, w, h]} in image pixels. */
public record BoundingBox(double x, double y, double w, double h) implements java.io.Serializable {
    /** The box as a 4-point polygon (clockwise on screen, starting top-left). */
    public Polygon toPolygon() {
        return Polygon.rectangle(x, y, w, h);
    }

    /** The tightest box around all points of {@code p}. */
    public static BoundingBox of(Polygon p) {
        return new BoundingBox(p.minX(), p.minY(), p.maxX() - p.minX(), p.maxY() - p.minY());
    }
}

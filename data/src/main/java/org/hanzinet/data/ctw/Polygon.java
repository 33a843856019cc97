package org.hanzinet.data.ctw;

import java.util.Arrays;

/**
 * A closed polygon in image pixel coordinates (x to the right, y down; pixel {@code (i, j)} covers
 * {@code [i, i+1) x [j, j+1)}). CTW writes 4 points per character; any simple polygon of 3 or more
 * points is accepted. Immutable: the coordinate arrays are copied in and out.
 */
public final class Polygon implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final double[] xs;
    private final double[] ys;

    public Polygon(double[] xs, double[] ys) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("polygon has " + xs.length + " x but " + ys.length + " y coordinates");
        }
        this.xs = xs.clone();
        this.ys = ys.clone();
    }

    /** A polygon from interleaved coordinates {@code x0, y0, x1, y1, ...}. */
    public static Polygon of(double... xy) {
        if (xy.length % 2 != 0) {
            throw new IllegalArgumentException("odd number of coordinates: " + xy.length);
        }
        double[] xs = new double[xy.length / 2];
        double[] ys = new double[xy.length / 2];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = xy[2 * i];
            ys[i] = xy[2 * i + 1];
        }
        return new Polygon(xs, ys);
    }

    /** The axis-aligned rectangle {@code [x, x+w] x [y, y+h]} as a 4-point polygon. */
    public static Polygon rectangle(double x, double y, double w, double h) {
        return of(x, y, x + w, y, x + w, y + h, x, y + h);
    }

    public int size() {
        return xs.length;
    }

    public double x(int i) {
        return xs[i];
    }

    public double y(int i) {
        return ys[i];
    }

    public double[] xs() {
        return xs.clone();
    }

    public double[] ys() {
        return ys.clone();
    }

    /** Signed area by the shoelace formula (positive when the points run clockwise on screen). */
    public double signedArea() {
        double a = 0;
        for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
            a += xs[j] * ys[i] - xs[i] * ys[j];
        }
        return a / 2;
    }

    public double minX() {
        return Arrays.stream(xs).min().orElse(Double.NaN);
    }

    public double maxX() {
        return Arrays.stream(xs).max().orElse(Double.NaN);
    }

    public double minY() {
        return Arrays.stream(ys).min().orElse(Double.NaN);
    }

    public double maxY() {
        return Arrays.stream(ys).max().orElse(Double.NaN);
    }

    /** This polygon with every x multiplied by {@code sx} and every y by {@code sy} (for resized images). */
    public Polygon scaled(double sx, double sy) {
        double[] nx = xs.clone();
        double[] ny = ys.clone();
        for (int i = 0; i < nx.length; i++) {
            nx[i] *= sx;
            ny[i] *= sy;
        }
        return new Polygon(nx, ny);
    }

    /**
     * The reason this polygon cannot be rasterised (fewer than 3 points, a NaN or infinite coordinate,
     * zero area), or {@code null} when it is usable.
     */
    public String defect() {
        if (xs.length < 3) {
            return "polygon has " + xs.length + " point(s), at least 3 are needed";
        }
        for (int i = 0; i < xs.length; i++) {
            if (!Double.isFinite(xs[i]) || !Double.isFinite(ys[i])) {
                return "polygon point " + i + " is not finite: [" + xs[i] + ", " + ys[i] + "]";
            }
        }
        if (signedArea() == 0) {
            return "polygon has zero area: " + this;
        }
        return null;
    }

    /** Throws {@link IllegalArgumentException} naming {@code what} when {@link #defect()} is not null. */
    public Polygon requireValid(String what) {
        String defect = defect();
        if (defect != null) {
            throw new IllegalArgumentException(what + ": " + defect);
        }
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Polygon p && Arrays.equals(xs, p.xs) && Arrays.equals(ys, p.ys);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(xs) + Arrays.hashCode(ys);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < xs.length; i++) {
            sb.append(i == 0 ? "" : ", ").append('[').append(xs[i]).append(", ").append(ys[i]).append(']');
        }
        return sb.append(']').toString();
    }
}

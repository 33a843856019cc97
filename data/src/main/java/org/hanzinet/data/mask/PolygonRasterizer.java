package org.hanzinet.data.mask;

import org.hanzinet.data.ctw.Polygon;

/**
 * Scanline polygon fill into a row-major mask ({@code [H, W]} window of a float array).
 *
 * <p>Convention: pixel {@code (x, y)} covers {@code [x, x+1) x [y, y+1)} and is inside when its centre
 * {@code (x + 0.5, y + 0.5)} is inside the polygon by the even-odd (ray casting) rule, with the same
 * half-open edge tests as the classic PNPOLY point-in-polygon test, so the result is identical to
 * testing every pixel centre ({@link SeedRasterizer}) at a cost proportional to the filled area.
 * Each polygon is filled on its own and OR-ed into the mask: overlapping polygons give their union,
 * never a hole. Pixels outside the image are clipped.
 */
public final class PolygonRasterizer {
    private PolygonRasterizer() {
    }

    /**
     * Sets to 1 every pixel of {@code mask[offset .. offset + width*height)} whose centre lies in
     * {@code polygon}; other pixels keep their value.
     *
     * @throws IllegalArgumentException naming {@code what} when the polygon has fewer than 3 points, a
     *         non-finite coordinate or zero area
     */
    public static void fill(Polygon polygon, float[] mask, int offset, int width, int height, String what) {
        polygon.requireValid(what);
        checkWindow(mask, offset, width, height);
        int n = polygon.size();
        double[] xs = polygon.xs();
        double[] ys = polygon.ys();
        double[] crossings = new double[n];
        int rowFrom = (int) Math.max(0, Math.floor(polygon.minY() - 0.5));
        int rowTo = (int) Math.min(height - 1, Math.ceil(polygon.maxY()));
        for (int row = rowFrom; row <= rowTo; row++) {
            double yc = row + 0.5;
            int count = 0;
            for (int i = 0, j = n - 1; i < n; j = i++) {
                if ((ys[i] > yc) != (ys[j] > yc)) {
                    // Same expression, same operand order as PNPOLY, so both methods agree bit for bit.
                    crossings[count++] = (xs[j] - xs[i]) * (yc - ys[i]) / (ys[j] - ys[i]) + xs[i];
                }
            }
            sortPrefix(crossings, count);
            int rowStart = offset + row * width;
            for (int k = 0; k + 1 < count; k += 2) {
                fillSpan(mask, rowStart, width, crossings[k], crossings[k + 1]);
            }
        }
    }

    /** Fills the pixels whose centre c satisfies {@code from <= c < to}, clipped to {@code [0, width)}. */
    private static void fillSpan(float[] mask, int rowStart, int width, double from, double to) {
        int x0 = firstCentreAtOrAfter(from, width);
        int x1 = firstCentreAtOrAfter(to, width);
        if (x1 > x0) {
            java.util.Arrays.fill(mask, rowStart + x0, rowStart + x1, 1f);
        }
    }

    /** The smallest x in [0, width] with {@code x + 0.5 >= v} (exact, whatever the rounding of v - 0.5). */
    private static int firstCentreAtOrAfter(double v, int width) {
        int x = (int) Math.max(0, Math.min(width, Math.ceil(v - 0.5)));
        while (x > 0 && x - 1 + 0.5 >= v) {
            x--;
        }
        while (x < width && x + 0.5 < v) {
            x++;
        }
        return x;
    }

    private static void sortPrefix(double[] a, int n) {
        for (int i = 1; i < n; i++) {
            double v = a[i];
            int j = i - 1;
            while (j >= 0 && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    static void checkWindow(float[] mask, int offset, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("mask size must be positive, got " + width + "x" + height);
        }
        if (offset < 0 || (long) offset + (long) width * height > mask.length) {
            throw new IllegalArgumentException("a " + width + "x" + height + " mask at offset " + offset
                    + " does not fit an array of " + mask.length);
        }
    }
}

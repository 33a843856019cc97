package org.hanzinet.data.mask;

import org.hanzinet.data.ctw.Polygon;

/**
 * The seed notebooks' mask method, kept as the reference: every pixel centre of the image is tested
 * against the polygon by ray casting (PNPOLY), whatever the polygon's size. O(W * H * points) per
 * polygon; about 5.8 s per 2048 x 2048 image with 50 polygons in the seed's numpy. Use
 * {@link PolygonRasterizer}, which gives the identical mask; this class exists for tests and benchmarks.
 */
public final class SeedRasterizer {
    private SeedRasterizer() {
    }

    /** Same contract as {@link PolygonRasterizer#fill}. */
    public static void fill(Polygon polygon, float[] mask, int offset, int width, int height, String what) {
        polygon.requireValid(what);
        PolygonRasterizer.checkWindow(mask, offset, width, height);
        double[] xs = polygon.xs();
        double[] ys = polygon.ys();
        for (int row = 0; row < height; row++) {
            double py = row + 0.5;
            for (int col = 0; col < width; col++) {
                if (contains(xs, ys, col + 0.5, py)) {
                    mask[offset + row * width + col] = 1f;
                }
            }
        }
    }

    /** PNPOLY (W. R. Franklin): even-odd ray casting towards +x with half-open edge tests. */
    public static boolean contains(double[] xs, double[] ys, double px, double py) {
        boolean inside = false;
        for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
            if ((ys[i] > py) != (ys[j] > py) && px < (xs[j] - xs[i]) * (py - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
                inside = !inside;
            }
        }
        return inside;
    }
}

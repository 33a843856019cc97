package org.hanzinet.data.image;

/**
 * A 3 x 3 projective transform of the plane, {@code (x, y) -> ((a x + b y + c) / (g x + h y + 1),
 * (d x + e y + f) / (g x + h y + 1))}, used to put a flat sign (text tile) into the scene in
 * perspective, and by the augmentations to warp an image and its masks together.
 */
public final class Homography {
    private final double[] m; // row-major, m[8] = 1

    private Homography(double[] m) {
        this.m = m;
    }

    /** The affine map {@code (x, y) -> (a x + b y + c, d x + e y + f)}. */
    public static Homography affine(double a, double b, double c, double d, double e, double f) {
        return new Homography(new double[] {a, b, c, d, e, f, 0, 0, 1});
    }

    /** The transform taking the four {@code src} points to the four {@code dst} points ({@code x0, y0, x1, y1, ...}). */
    public static Homography fromQuads(double[] src, double[] dst) {
        double[][] a = new double[8][9];
        for (int i = 0; i < 4; i++) {
            double x = src[2 * i];
            double y = src[2 * i + 1];
            double u = dst[2 * i];
            double v = dst[2 * i + 1];
            a[2 * i] = new double[] {x, y, 1, 0, 0, 0, -u * x, -u * y, u};
            a[2 * i + 1] = new double[] {0, 0, 0, x, y, 1, -v * x, -v * y, v};
        }
        double[] h = solve(a);
        return new Homography(new double[] {h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1});
    }

    /** Maps {@code (x, y)}; writes {@code {x', y'}} into {@code out}. */
    public void map(double x, double y, double[] out) {
        double w = m[6] * x + m[7] * y + m[8];
        out[0] = (m[0] * x + m[1] * y + m[2]) / w;
        out[1] = (m[3] * x + m[4] * y + m[5]) / w;
    }

    /** The inverse transform (adjugate / determinant). */
    public Homography inverse() {
        double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
        double[] adj = {
            e * i - f * h, c * h - b * i, b * f - c * e,
            f * g - d * i, a * i - c * g, c * d - a * f,
            d * h - e * g, b * g - a * h, a * e - b * d};
        double s = adj[8];
        if (Math.abs(s) < 1e-12) {
            throw new IllegalStateException("degenerate homography");
        }
        for (int k = 0; k < 9; k++) {
            adj[k] /= s;
        }
        return new Homography(adj);
    }

    /** Gaussian elimination with partial pivoting on an 8 x 9 augmented matrix. */
    private static double[] solve(double[][] a) {
        int n = 8;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            if (Math.abs(a[col][col]) < 1e-12) {
                throw new IllegalStateException("degenerate quadrilateral for a homography");
            }
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int k = col; k <= n; k++) {
                        a[r][k] -= f * a[col][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int r = 0; r < n; r++) {
            x[r] = a[r][n] / a[r][r];
        }
        return x;
    }
}

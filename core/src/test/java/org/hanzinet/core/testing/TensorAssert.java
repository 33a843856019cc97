package org.hanzinet.core.testing;

import java.util.Arrays;
import org.hanzinet.core.Tensor;

/**
 * Tensor comparison with a readable failure: the shapes, the number of elements out of tolerance, the
 * worst one with its multi-index, and the first few differences.
 *
 * <p>An element passes when {@code |actual - expected| <= atol + rtol * |expected|} (numpy's allclose).
 */
public final class TensorAssert {
    private static final int SHOWN = 5;

    private TensorAssert() {}

    public static void assertClose(Tensor actual, Tensor expected, double atol, double rtol) {
        assertClose("", actual, expected, atol, rtol);
    }

    public static void assertClose(String what, Tensor actual, Tensor expected, double atol, double rtol) {
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            throw new AssertionError(prefix(what) + "shape " + Arrays.toString(actual.shape()) + " but expected "
                    + Arrays.toString(expected.shape()));
        }
        int bad = 0;
        int worst = -1;
        double worstExcess = 0;
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < actual.numel(); i++) {
            double a = actual.getFlat(i);
            double e = expected.getFlat(i);
            double diff = Math.abs(a - e);
            double allowed = atol + rtol * Math.abs(e);
            boolean ok = diff <= allowed || (Double.isNaN(a) && Double.isNaN(e)) || a == e;
            if (!ok) {
                if (bad < SHOWN) {
                    first.append(String.format("%n  at %s: actual %.9g, expected %.9g, |diff| %.3g > %.3g",
                            Arrays.toString(unravel(i, actual.shape())), a, e, diff, allowed));
                }
                bad++;
                double excess = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff / Math.max(allowed, 1e-300);
                if (worst < 0 || excess > worstExcess) {
                    worst = i;
                    worstExcess = excess;
                }
            }
        }
        if (bad > 0) {
            throw new AssertionError(String.format("%s%d of %d elements differ (atol %.1e, rtol %.1e), shape %s;"
                    + " worst at %s: actual %.9g, expected %.9g%s", prefix(what), bad, actual.numel(), atol, rtol,
                    Arrays.toString(actual.shape()), Arrays.toString(unravel(worst, actual.shape())),
                    actual.getFlat(worst), expected.getFlat(worst), first));
        }
    }

    /** Largest |a - e| / max(|e|, floor) over all elements: the relative error as the parity tests report it. */
    public static double maxRelativeError(Tensor actual, Tensor expected, double floor) {
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            throw new AssertionError("shape " + Arrays.toString(actual.shape()) + " but expected "
                    + Arrays.toString(expected.shape()));
        }
        double worst = 0;
        for (int i = 0; i < actual.numel(); i++) {
            double e = expected.getFlat(i);
            worst = Math.max(worst, Math.abs(actual.getFlat(i) - e) / Math.max(Math.abs(e), floor));
        }
        return worst;
    }

    static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = shape[d] == 0 ? 0 : flat % shape[d];
            flat = shape[d] == 0 ? 0 : flat / shape[d];
        }
        return idx;
    }

    private static String prefix(String what) {
        return what.isEmpty() ? "" : what + ": ";
    }
}

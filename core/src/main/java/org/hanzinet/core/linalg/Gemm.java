package org.hanzinet.core.linalg;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;
import org.hanzinet.core.Shapes;
import org.hanzinet.core.Tensor;

/**
 * General matrix multiply through EJML (float, dense, row-major):
 * {@code C = alpha * op(A) * op(B) + beta * C}, where {@code op(X)} is X or its transpose.
 *
 * <p>Tensors starting at offset 0 of their storage are wrapped, not copied; a tensor that is a view at
 * another offset is copied first (EJML matrices always start at index 0). The four transpose
 * combinations are what Linear needs: forward {@code y = x W^T} (transB), input gradient
 * {@code dx = dy W} (none), weight gradient {@code dW = dy^T x} (transA).
 */
public final class Gemm {
    private Gemm() {}

    /** Single- or multi-threaded (EJML's {@code CommonOps_MT_FDRM}, all available cores). */
    public enum Threads { SINGLE, MULTI }

    /** Multi-threaded GEMM, the default. */
    public static Tensor gemm(boolean transA, boolean transB, float alpha, Tensor a, Tensor b, float beta, Tensor c) {
        return gemm(transA, transB, alpha, a, b, beta, c, Threads.MULTI);
    }

    /**
     * {@code c = alpha * op(a) * op(b) + beta * c} for 2-D tensors; returns {@code c}.
     *
     * @throws IllegalArgumentException naming the shapes when they do not chain, or when {@code c}
     *     shares storage with {@code a} or {@code b}
     */
    public static Tensor gemm(boolean transA, boolean transB, float alpha, Tensor a, Tensor b, float beta, Tensor c,
            Threads threads) {
        requireMatrix("A", a);
        requireMatrix("B", b);
        requireMatrix("C", c);
        int m = transA ? a.size(1) : a.size(0);
        int k = transA ? a.size(0) : a.size(1);
        int kb = transB ? b.size(1) : b.size(0);
        int n = transB ? b.size(0) : b.size(1);
        if (k != kb || c.size(0) != m || c.size(1) != n) {
            throw new IllegalArgumentException("gemm: " + describe(a, transA) + " x " + describe(b, transB)
                    + " -> C" + Shapes.toString(c.shape()) + ": shapes do not chain (expected C [" + m + ", " + n + "])");
        }
        if (c.data() == a.data() || c.data() == b.data()) {
            throw new IllegalArgumentException("gemm: C must not share storage with A or B");
        }
        if (m == 0 || n == 0) {
            return c;
        }
        FMatrixRMaj ma = wrap(a);
        FMatrixRMaj mb = wrap(b);
        FMatrixRMaj mc = wrap(c);
        if (beta == 0f || k == 0) {
            // EJML's mult overwrites C; k == 0 leaves alpha*AB = 0.
            if (k == 0) { // beta 0 ignores C's old contents, NaN included, as in BLAS
                return beta == 0f ? c.fill(0f) : c.scale(beta);
            }
            mult(transA, transB, alpha, ma, mb, mc, threads);
        } else {
            if (beta != 1f) {
                CommonOps_FDRM.scale(beta, mc);
            }
            multAdd(transA, transB, alpha, ma, mb, mc, threads);
        }
        if (mc.data != c.data()) {
            System.arraycopy(mc.data, 0, c.data(), c.offset(), c.numel());
        }
        return c;
    }

    private static void mult(boolean tA, boolean tB, float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c,
            Threads threads) {
        boolean mt = threads == Threads.MULTI;
        if (!tA && !tB) {
            if (mt) CommonOps_MT_FDRM.mult(alpha, a, b, c); else CommonOps_FDRM.mult(alpha, a, b, c);
        } else if (tA && !tB) {
            if (mt) CommonOps_MT_FDRM.multTransA(alpha, a, b, c); else CommonOps_FDRM.multTransA(alpha, a, b, c);
        } else if (!tA) {
            if (mt) CommonOps_MT_FDRM.multTransB(alpha, a, b, c); else CommonOps_FDRM.multTransB(alpha, a, b, c);
        } else {
            if (mt) CommonOps_MT_FDRM.multTransAB(alpha, a, b, c); else CommonOps_FDRM.multTransAB(alpha, a, b, c);
        }
    }

    private static void multAdd(boolean tA, boolean tB, float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c,
            Threads threads) {
        boolean mt = threads == Threads.MULTI;
        if (!tA && !tB) {
            if (mt) CommonOps_MT_FDRM.multAdd(alpha, a, b, c); else CommonOps_FDRM.multAdd(alpha, a, b, c);
        } else if (tA && !tB) {
            if (mt) CommonOps_MT_FDRM.multAddTransA(alpha, a, b, c); else CommonOps_FDRM.multAddTransA(alpha, a, b, c);
        } else if (!tA) {
            if (mt) CommonOps_MT_FDRM.multAddTransB(alpha, a, b, c); else CommonOps_FDRM.multAddTransB(alpha, a, b, c);
        } else {
            if (mt) CommonOps_MT_FDRM.multAddTransAB(alpha, a, b, c); else CommonOps_FDRM.multAddTransAB(alpha, a, b, c);
        }
    }

    /** Wraps the tensor's storage when it starts at index 0, else copies (EJML has no offsets). */
    private static FMatrixRMaj wrap(Tensor t) {
        if (t.offset() == 0) {
            return FMatrixRMaj.wrap(t.size(0), t.size(1), t.data());
        }
        return FMatrixRMaj.wrap(t.size(0), t.size(1), t.toArray());
    }

    private static void requireMatrix(String name, Tensor t) {
        if (t.dim() != 2) {
            throw new IllegalArgumentException("gemm: " + name + " must be 2-D, got shape " + Shapes.toString(t.shape()));
        }
    }

    private static String describe(Tensor t, boolean trans) {
        return Shapes.toString(t.shape()) + (trans ? "^T" : "");
    }
}

package org.hanzinet.core.linalg;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;
import org.hanzinet.core.Shapes;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.simd.VectorizationProvider;

/**
 * General matrix multiply {@code C = alpha * op(A) * op(B) + beta * C}, where {@code op(X)} is X or its
 * transpose. The four transpose combinations are what Linear needs: forward {@code y = x W^T} (transB),
 * input gradient {@code dx = dy W} (none), weight gradient {@code dW = dy^T x} (transA).
 *
 * <p>Two implementations, chosen by shape ({@link Path#AUTO}): when the dimension the skinny operand
 * shares with the big one is a small batch (m <= 16 for the forward and input gradient, k <= 16 for the
 * weight gradient), {@link SkinnyGemm} streams the big matrix through memory once, with the Vector API
 * kernels when available; otherwise EJML (float, dense, row-major), whose loops read the big matrix once
 * per row of the skinny one. The skinny path reads views in place; EJML wraps tensors starting at offset
 * 0 of their storage and copies the others (EJML matrices always start at index 0).
 *
 * <p>{@code beta == 0} means C's old contents are ignored, NaN included, as in BLAS.
 */
public final class Gemm {
    private Gemm() {}

    /** Single- or multi-threaded (EJML's {@code CommonOps_MT_FDRM}, all available cores). */
    public enum Threads { SINGLE, MULTI }

    /**
     * Which implementation multiplies: {@code AUTO} picks by shape (see the class comment), {@code EJML}
     * and {@code SKINNY} force one (for differential tests and benchmarks; {@code SKINNY} has no
     * {@code A^T B^T} case and is slow at large batches).
     */
    public enum Path { AUTO, EJML, SKINNY }

    /** Multi-threaded GEMM, the default. */
    public static Tensor gemm(boolean transA, boolean transB, float alpha, Tensor a, Tensor b, float beta, Tensor c) {
        return gemm(transA, transB, alpha, a, b, beta, c, Threads.MULTI);
    }

    /** {@code c = alpha * op(a) * op(b) + beta * c} on the implementation the shapes call for; returns {@code c}. */
    public static Tensor gemm(boolean transA, boolean transB, float alpha, Tensor a, Tensor b, float beta, Tensor c,
            Threads threads) {
        return gemm(transA, transB, alpha, a, b, beta, c, threads, Path.AUTO);
    }

    /**
     * {@code c = alpha * op(a) * op(b) + beta * c} for 2-D tensors; returns {@code c}.
     *
     * @throws IllegalArgumentException naming the shapes when they do not chain, or when {@code c}
     *     shares storage with {@code a} or {@code b}, or for {@code SKINNY} with both operands transposed
     */
    public static Tensor gemm(boolean transA, boolean transB, float alpha, Tensor a, Tensor b, float beta, Tensor c,
            Threads threads, Path path) {
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
        if (k == 0) { // alpha * op(A) op(B) = 0
            return beta == 0f ? c.fill(0f) : c.scale(beta);
        }
        if (choose(path, transA, transB, m, k) == Path.SKINNY) {
            SkinnyGemm.gemm(VectorizationProvider.get().gemmKernels(), transA, transB, alpha, a, b, beta, c, threads);
            return c;
        }
        return ejml(transA, transB, alpha, a, b, beta, c, threads);
    }

    /** The implementation {@code path} resolves to for these transposes and the dimensions m and k. */
    static Path choose(Path path, boolean transA, boolean transB, int m, int k) {
        if (path != Path.AUTO) {
            return path;
        }
        return SkinnyGemm.applies(transA, transB, m, k) ? Path.SKINNY : Path.EJML;
    }

    private static Tensor ejml(boolean transA, boolean transB, float alpha, Tensor a, Tensor b, float beta, Tensor c,
            Threads threads) {
        FMatrixRMaj ma = wrap(a);
        FMatrixRMaj mb = wrap(b);
        FMatrixRMaj mc = wrap(c);
        if (beta == 0f) {
            mult(transA, transB, alpha, ma, mb, mc, threads); // overwrites C
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

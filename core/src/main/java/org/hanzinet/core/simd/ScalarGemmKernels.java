package org.hanzinet.core.simd;

/**
 * Plain-loop twin of the Vector API skinny-GEMM kernels: the fallback and the reference in tests.
 * Plain multiply and add, not {@code Math.fma}, which is very slow on a CPU without FMA.
 */
public final class ScalarGemmKernels implements GemmKernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int dotLanes() {
        return 1;
    }

    @Override
    public void dotRows(float[] x, int xOff, int xStride, int rows, float[] w, int wOff, int len, float[] acc,
            int accOff) {
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * xStride;
            float s = 0f;
            for (int i = 0; i < len; i++) {
                s += x[xr + i] * w[wOff + i];
            }
            acc[accOff + r] += s;
        }
    }

    @Override
    public void multAddTile(float[] a, int aOff, int aStride, int rows, int depth, float[] w, int wOff, int wStride,
            float[] y, int yOff, int yStride, int len) {
        for (int r = 0; r < rows; r++) {
            int yr = yOff + r * yStride;
            for (int q = 0; q < depth; q++) {
                float arq = a[aOff + r * aStride + q];
                int wq = wOff + q * wStride;
                for (int i = 0; i < len; i++) {
                    y[yr + i] += arq * w[wq + i];
                }
            }
        }
    }

    @Override
    public void combineRows(float beta, float[] a, int aOff, float[] x, int xOff, int xStride, int rows, float[] out,
            int outOff, int len) {
        for (int i = 0; i < len; i++) {
            float s = beta == 0f ? 0f : beta * out[outOff + i];
            for (int r = 0; r < rows; r++) {
                s += a[aOff + r] * x[xOff + r * xStride + i];
            }
            out[outOff + i] = s;
        }
    }
}

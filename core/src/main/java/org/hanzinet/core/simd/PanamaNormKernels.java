package org.hanzinet.core.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API twin of {@link ScalarNormKernels}. Sums run in float lanes, two independent accumulators
 * per sum, over blocks of at most {@link NormKernels#BLOCK} elements (each lane then adds at most
 * BLOCK / (2 * width) values, a few ulp of error); the blocks are added in double, so the error does
 * not grow with the plane (256 x 256 = 65,536 values and more). Loaded only by
 * {@link VectorizationProvider}, reflectively.
 */
final class PanamaNormKernels implements NormKernels {
    /** Below this length the scalar loop is faster than setting up vectors. */
    private static final int MIN_LENGTH = 16;

    /** Static final: C2 intrinsifies the Vector API only with a constant species (see PanamaKernels). */
    private static final VectorSpecies<Float> species = PanamaProvider.chooseSpecies();

    private final ScalarNormKernels tail = new ScalarNormKernels();

    PanamaNormKernels() {}

    @Override
    public String name() {
        return "panama-" + species.vectorBitSize();
    }

    @Override
    public void moments(float shift, float[] x, int xo, int n, double[] out) {
        int w = species.length();
        double s1 = 0, s2 = 0;
        int i = 0;
        if (n >= MIN_LENGTH) {
            FloatVector vs = FloatVector.broadcast(species, shift);
            FloatVector zero = FloatVector.zero(species);
            for (int bound = species.loopBound(n); i < bound;) {
                int end = Math.min(bound, i + BLOCK); // BLOCK is a multiple of every vector width
                FloatVector a0 = zero, a1 = zero, q0 = zero, q1 = zero;
                for (; i + 2 * w <= end; i += 2 * w) {
                    FloatVector d0 = FloatVector.fromArray(species, x, xo + i).sub(vs);
                    FloatVector d1 = FloatVector.fromArray(species, x, xo + i + w).sub(vs);
                    a0 = a0.add(d0);
                    q0 = d0.fma(d0, q0);
                    a1 = a1.add(d1);
                    q1 = d1.fma(d1, q1);
                }
                for (; i < end; i += w) {
                    FloatVector d0 = FloatVector.fromArray(species, x, xo + i).sub(vs);
                    a0 = a0.add(d0);
                    q0 = d0.fma(d0, q0);
                }
                s1 += sumLanes(a0.add(a1));
                s2 += sumLanes(q0.add(q1));
            }
        }
        for (; i < n; i++) { // the scalar tail, inline: this object is shared by the threads
            double d = x[xo + i] - shift;
            s1 += d;
            s2 += d * d;
        }
        out[0] = s1;
        out[1] = s2;
    }

    @Override
    public void gradMoments(float shift, float[] g, int go, float[] x, int xo, int n, double[] out) {
        int w = species.length();
        double s1 = 0, s2 = 0;
        int i = 0;
        if (n >= MIN_LENGTH) {
            FloatVector vs = FloatVector.broadcast(species, shift);
            FloatVector zero = FloatVector.zero(species);
            for (int bound = species.loopBound(n); i < bound;) {
                int end = Math.min(bound, i + BLOCK);
                FloatVector a0 = zero, a1 = zero, p0 = zero, p1 = zero;
                for (; i + 2 * w <= end; i += 2 * w) {
                    FloatVector g0 = FloatVector.fromArray(species, g, go + i);
                    FloatVector g1 = FloatVector.fromArray(species, g, go + i + w);
                    a0 = a0.add(g0);
                    p0 = g0.fma(FloatVector.fromArray(species, x, xo + i).sub(vs), p0);
                    a1 = a1.add(g1);
                    p1 = g1.fma(FloatVector.fromArray(species, x, xo + i + w).sub(vs), p1);
                }
                for (; i < end; i += w) {
                    FloatVector g0 = FloatVector.fromArray(species, g, go + i);
                    a0 = a0.add(g0);
                    p0 = g0.fma(FloatVector.fromArray(species, x, xo + i).sub(vs), p0);
                }
                s1 += sumLanes(a0.add(a1));
                s2 += sumLanes(p0.add(p1));
            }
        }
        for (; i < n; i++) {
            double gi = g[go + i];
            s1 += gi;
            s2 += gi * (x[xo + i] - shift);
        }
        out[0] = s1;
        out[1] = s2;
    }

    /**
     * Lanes added in index order, in double. Not {@code reduceLanes(ADD)}: its order is left to the
     * implementation, and the interpreter and C2 differ (see PanamaKernels).
     */
    private static double sumLanes(FloatVector v) {
        double s = 0;
        for (int l = 0; l < species.length(); l++) {
            s += v.lane(l);
        }
        return s;
    }

    @Override
    public void normalize(float shift, float scale, float bias, float[] x, int xo, float[] out, int oo, int n) {
        int i = 0;
        if (n >= MIN_LENGTH) {
            FloatVector vs = FloatVector.broadcast(species, shift);
            FloatVector va = FloatVector.broadcast(species, scale);
            FloatVector vb = FloatVector.broadcast(species, bias);
            for (int bound = species.loopBound(n); i < bound; i += species.length()) {
                FloatVector.fromArray(species, x, xo + i).sub(vs).fma(va, vb).intoArray(out, oo + i);
            }
        }
        tail.normalize(shift, scale, bias, x, xo + i, out, oo + i, n - i);
    }

    @Override
    public void normalizeBackward(float shift, float a, float b, float c, float[] g, int go, float[] x, int xo,
            float[] out, int oo, int n) {
        int i = 0;
        if (n >= MIN_LENGTH) {
            FloatVector vs = FloatVector.broadcast(species, shift);
            FloatVector va = FloatVector.broadcast(species, a);
            FloatVector vb = FloatVector.broadcast(species, b);
            FloatVector vc = FloatVector.broadcast(species, c);
            for (int bound = species.loopBound(n); i < bound; i += species.length()) {
                FloatVector lin = FloatVector.fromArray(species, x, xo + i).sub(vs).fma(vb, vc);
                FloatVector.fromArray(species, g, go + i).fma(va, lin).intoArray(out, oo + i);
            }
        }
        tail.normalizeBackward(shift, a, b, c, g, go + i, x, xo + i, out, oo + i, n - i);
    }
}

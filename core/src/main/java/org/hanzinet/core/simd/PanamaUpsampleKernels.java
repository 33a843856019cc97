package org.hanzinet.core.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API twin of {@link ScalarUpsampleKernels}, equal to it bit for bit: the same products and sums,
 * only the lanes differ. Up-sampling by 2 interleaves (forward) and de-interleaves (backward) pairs of
 * lanes, done with constant rearranges and blends; every index stays within one vector, which the
 * shuffle semantics of every JDK from 17 on agree about. Loaded only by {@link VectorizationProvider},
 * reflectively.
 */
final class PanamaUpsampleKernels implements UpsampleKernels {
    /** Below this length the scalar loop is faster than setting up vectors. */
    private static final int MIN_LENGTH = 16;

    /** Static final: C2 intrinsifies the Vector API only with a constant species (see PanamaKernels). */
    private static final VectorSpecies<Float> species = PanamaProvider.chooseSpecies();
    private static final int L = species.length();

    /** Lane m takes lane m / 2, then L / 2 + m / 2: each input twice, for the two outputs it feeds. */
    private static final VectorShuffle<Float> DUP_LO = VectorShuffle.fromOp(species, m -> m / 2);
    private static final VectorShuffle<Float> DUP_HI = VectorShuffle.fromOp(species, m -> L / 2 + m / 2);
    /** Lane m takes lane 2m, or 2m + 1 (mod L): the even or odd lanes of a vector, twice over. */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(species, m -> (2 * m) % L);
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(species, m -> (2 * m + 1) % L);
    /** Lanes L / 2 .. L - 1: where the second vector's even (odd) lanes go. */
    private static final VectorMask<Float> UPPER = VectorMask.fromArray(species, upperHalf(), 0);
    /** The weights of the left input of outputs 2i, 2i + 1, 2i + 2, ...: 0.75, 0.25, ...; the right: 0.25, 0.75, .... */
    private static final float[] LEFT = alternating(0.75f, 0.25f);
    private static final float[] RIGHT = alternating(0.25f, 0.75f);

    private final ScalarUpsampleKernels tail = new ScalarUpsampleKernels();

    PanamaUpsampleKernels() {}

    private static boolean[] upperHalf() {
        boolean[] m = new boolean[L];
        for (int i = L / 2; i < L; i++) {
            m[i] = true;
        }
        return m;
    }

    private static float[] alternating(float even, float odd) {
        float[] w = new float[L];
        for (int i = 0; i < L; i++) {
            w[i] = i % 2 == 0 ? even : odd;
        }
        return w;
    }

    @Override
    public String name() {
        return "panama-" + species.vectorBitSize();
    }

    @Override
    public void widenX2(float[] x, int xo, float[] out, int oo, int n) {
        int i = 0;
        if (n >= MIN_LENGTH) {
            FloatVector left = FloatVector.fromArray(species, LEFT, 0);
            FloatVector right = FloatVector.fromArray(species, RIGHT, 0);
            // L pairs (x[i], x[i + 1]) give 2L outputs: two vectors, each from half of the lanes.
            for (int bound = n - L; i <= bound; i += L) {
                FloatVector a = FloatVector.fromArray(species, x, xo + i);
                FloatVector b = FloatVector.fromArray(species, x, xo + i + 1);
                a.rearrange(DUP_LO).mul(left).add(b.rearrange(DUP_LO).mul(right)).intoArray(out, oo + 2 * i);
                a.rearrange(DUP_HI).mul(left).add(b.rearrange(DUP_HI).mul(right)).intoArray(out, oo + 2 * i + L);
            }
        }
        tail.widenX2(x, xo + i, out, oo + 2 * i, n - i);
    }

    @Override
    public void blend(float wa, float[] a, int ao, float wb, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        if (n >= MIN_LENGTH) {
            for (int bound = species.loopBound(n); i < bound; i += L) {
                FloatVector.fromArray(species, a, ao + i).mul(wa).add(FloatVector.fromArray(species, b, bo + i).mul(wb))
                        .intoArray(out, oo + i);
            }
        }
        tail.blend(wa, a, ao + i, wb, b, bo + i, out, oo + i, n - i);
    }

    @Override
    public void narrowX2Add(float k0, float k1, float[] g, int go, float[] acc, int ao, int n) {
        int c = 0;
        if (n >= MIN_LENGTH) {
            for (int bound = n - L; c <= bound; c += L) {
                int j = go + 2 * c;
                FloatVector p = FloatVector.fromArray(species, g, j);
                FloatVector q = FloatVector.fromArray(species, g, j + L);
                FloatVector r = FloatVector.fromArray(species, g, j + 2);
                FloatVector s = FloatVector.fromArray(species, g, j + 2 + L);
                FloatVector t0 = evens(p, q).mul(k0).add(odds(p, q).mul(k1)); // g[2c], g[2c + 1]
                FloatVector t1 = evens(r, s).mul(k1).add(odds(r, s).mul(k0)); // g[2c + 2], g[2c + 3]
                FloatVector.fromArray(species, acc, ao + c).add(t0.add(t1)).intoArray(acc, ao + c);
            }
        }
        tail.narrowX2Add(k0, k1, g, go + 2 * c, acc, ao + c, n - c);
    }

    /** Lanes 0, 2, .. of p then of q: the even elements of the 2L floats p, q. */
    private static FloatVector evens(FloatVector p, FloatVector q) {
        return p.rearrange(EVEN).blend(q.rearrange(EVEN), UPPER);
    }

    private static FloatVector odds(FloatVector p, FloatVector q) {
        return p.rearrange(ODD).blend(q.rearrange(ODD), UPPER);
    }
}

package org.hanzinet.core.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API twins of {@link ScalarKernels}. Loaded only by {@link VectorizationProvider}, reflectively,
 * so that the library runs on a JVM started without {@code --add-modules jdk.incubator.vector}.
 */
final class PanamaKernels implements VectorKernels {
    /** Below this length the scalar loop is faster than setting up vectors. */
    private static final int MIN_LENGTH = 16;

    /**
     * Static final on purpose: C2 intrinsifies the Vector API only when the species is a compile-time
     * constant; held in an instance field, every vector op allocates a boxed vector.
     */
    private static final VectorSpecies<Float> species = PanamaProvider.chooseSpecies();

    private final ScalarKernels tail = new ScalarKernels();

    PanamaKernels() {}

    @Override
    public String name() {
        return "panama-" + species.vectorBitSize();
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        if (n < MIN_LENGTH) {
            return tail.dot(a, ao, b, bo, n);
        }
        int w = species.length();
        // Four independent accumulators hide the FMA latency.
        FloatVector acc0 = FloatVector.zero(species), acc1 = acc0, acc2 = acc0, acc3 = acc0;
        int i = 0;
        for (int bound = n - 4 * w; i <= bound; i += 4 * w) {
            acc0 = FloatVector.fromArray(species, a, ao + i).fma(FloatVector.fromArray(species, b, bo + i), acc0);
            acc1 = FloatVector.fromArray(species, a, ao + i + w).fma(FloatVector.fromArray(species, b, bo + i + w), acc1);
            acc2 = FloatVector.fromArray(species, a, ao + i + 2 * w)
                    .fma(FloatVector.fromArray(species, b, bo + i + 2 * w), acc2);
            acc3 = FloatVector.fromArray(species, a, ao + i + 3 * w)
                    .fma(FloatVector.fromArray(species, b, bo + i + 3 * w), acc3);
        }
        for (int bound = n - w; i <= bound; i += w) {
            acc0 = FloatVector.fromArray(species, a, ao + i).fma(FloatVector.fromArray(species, b, bo + i), acc0);
        }
        return sumLanes(acc0.add(acc1).add(acc2.add(acc3))) + tail.dot(a, ao + i, b, bo + i, n - i);
    }

    /**
     * Lanes summed in index order. Not {@code reduceLanes(ADD)}: its float order is left to the
     * implementation, and the interpreter and C2 differ, so a result would depend on JIT timing.
     */
    private float sumLanes(FloatVector v) {
        float[] lanes = v.toArray();
        float s = 0;
        for (float x : lanes) {
            s += x;
        }
        return s;
    }

    @Override
    public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        if (n >= MIN_LENGTH) {
            FloatVector va = FloatVector.broadcast(species, alpha);
            for (int bound = species.loopBound(n); i < bound; i += species.length()) {
                FloatVector.fromArray(species, x, xo + i).fma(va, FloatVector.fromArray(species, y, yo + i))
                        .intoArray(y, yo + i);
            }
        }
        tail.axpy(alpha, x, xo + i, y, yo + i, n - i);
    }

    @Override
    public void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        if (n >= MIN_LENGTH) {
            for (int bound = species.loopBound(n); i < bound; i += species.length()) {
                FloatVector.fromArray(species, a, ao + i).add(FloatVector.fromArray(species, b, bo + i))
                        .intoArray(out, oo + i);
            }
        }
        tail.add(a, ao + i, b, bo + i, out, oo + i, n - i);
    }

    @Override
    public void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        if (n >= MIN_LENGTH) {
            for (int bound = species.loopBound(n); i < bound; i += species.length()) {
                FloatVector.fromArray(species, a, ao + i).mul(FloatVector.fromArray(species, b, bo + i))
                        .intoArray(out, oo + i);
            }
        }
        tail.mul(a, ao + i, b, bo + i, out, oo + i, n - i);
    }

    @Override
    public void scale(float alpha, float[] x, int xo, float[] out, int oo, int n) {
        int i = 0;
        if (n >= MIN_LENGTH) {
            for (int bound = species.loopBound(n); i < bound; i += species.length()) {
                FloatVector.fromArray(species, x, xo + i).mul(alpha).intoArray(out, oo + i);
            }
        }
        tail.scale(alpha, x, xo + i, out, oo + i, n - i);
    }

    @Override
    public void relu(float[] x, int xo, float[] out, int oo, int n) {
        int i = 0;
        if (n >= MIN_LENGTH) {
            FloatVector zero = FloatVector.zero(species);
            for (int bound = species.loopBound(n); i < bound; i += species.length()) {
                FloatVector v = FloatVector.fromArray(species, x, xo + i);
                // blend, not max(): keeps NaN and -0.0 exactly as the scalar loop does.
                v.blend(zero, v.compare(VectorOperators.LT, zero)).intoArray(out, oo + i);
            }
        }
        tail.relu(x, xo + i, out, oo + i, n - i);
    }

    @Override
    public void reluBackward(float[] x, int xo, float[] grad, int go, float[] out, int oo, int n) {
        int i = 0;
        if (n >= MIN_LENGTH) {
            FloatVector zero = FloatVector.zero(species);
            for (int bound = species.loopBound(n); i < bound; i += species.length()) {
                VectorMask<Float> positive = FloatVector.fromArray(species, x, xo + i).compare(VectorOperators.GT, 0f);
                zero.blend(FloatVector.fromArray(species, grad, go + i), positive).intoArray(out, oo + i);
            }
        }
        tail.reluBackward(x, xo + i, grad, go + i, out, oo + i, n - i);
    }

    @Override
    public void sigmoid(float[] x, int xo, float[] out, int oo, int n) {
        int i = 0;
        if (n >= MIN_LENGTH) {
            FloatVector one = FloatVector.broadcast(species, 1f);
            for (int bound = species.loopBound(n); i < bound; i += species.length()) {
                FloatVector e = exp(FloatVector.fromArray(species, x, xo + i).neg());
                one.div(e.add(one)).intoArray(out, oo + i);
            }
        }
        tail.sigmoid(x, xo + i, out, oo + i, n - i);
    }

    /**
     * exp(x) from IEEE add, multiply and FMA only (Cephes expf: Cody-Waite reduction x = n ln2 + r,
     * degree-6 polynomial, scaling by 2^n through the exponent bits), within 2 ulp of Math.exp on
     * [-87, 87]. Not {@code lanewise(EXP)}: C2's intrinsic and the interpreter's fallback round
     * differently, which made results depend on when the JIT compiled the loop. Inputs are clamped to
     * [-87, 87], where exp is still a normal float.
     */
    private FloatVector exp(FloatVector x) {
        x = x.max(-87f).min(87f);
        // n = round(x / ln2) with the 1.5 * 2^23 trick: adding it leaves the rounded integer in the mantissa.
        FloatVector n = x.fma(1.44269504088896341f, 12582912f).sub(12582912f);
        FloatVector r = n.fma(x.broadcast(-0.693359375f), x);
        r = n.fma(x.broadcast(2.12194440e-4f), r);
        FloatVector z = r.mul(r);
        FloatVector y = r.fma(1.9875691500e-4f, 1.3981999507e-3f);
        y = y.fma(r, x.broadcast(8.3334519073e-3f));
        y = y.fma(r, x.broadcast(4.1665795894e-2f));
        y = y.fma(r, x.broadcast(1.6666665459e-1f));
        y = y.fma(r, x.broadcast(5.0000001201e-1f));
        y = y.fma(z, r).add(1f);
        // 2^n: the integer n + 127 placed in the exponent field.
        IntVector bits = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
        return y.mul(bits.reinterpretAsFloats());
    }

    @Override
    public void sigmoidBackward(float[] y, int yo, float[] grad, int go, float[] out, int oo, int n) {
        int i = 0;
        if (n >= MIN_LENGTH) {
            FloatVector one = FloatVector.broadcast(species, 1f);
            for (int bound = species.loopBound(n); i < bound; i += species.length()) {
                FloatVector v = FloatVector.fromArray(species, y, yo + i);
                FloatVector.fromArray(species, grad, go + i).mul(v).mul(one.sub(v)).intoArray(out, oo + i);
            }
        }
        tail.sigmoidBackward(y, yo + i, grad, go + i, out, oo + i, n - i);
    }

    @Override
    public void leakyRelu(float slope, float[] x, int xo, float[] out, int oo, int n) {
        int i = 0;
        if (n >= MIN_LENGTH) {
            for (int bound = species.loopBound(n); i < bound; i += species.length()) {
                FloatVector v = FloatVector.fromArray(species, x, xo + i);
                // blend on x > 0, as the scalar loop: NaN and -0 take the slope branch there too.
                v.mul(slope).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(out, oo + i);
            }
        }
        tail.leakyRelu(slope, x, xo + i, out, oo + i, n - i);
    }

    @Override
    public void leakyReluBackward(float slope, float[] s, int so, float[] grad, int go, float[] out, int oo, int n) {
        int i = 0;
        if (n >= MIN_LENGTH) {
            for (int bound = species.loopBound(n); i < bound; i += species.length()) {
                VectorMask<Float> positive = FloatVector.fromArray(species, s, so + i).compare(VectorOperators.GT, 0f);
                FloatVector g = FloatVector.fromArray(species, grad, go + i);
                g.mul(slope).blend(g, positive).intoArray(out, oo + i);
            }
        }
        tail.leakyReluBackward(slope, s, so + i, grad, go + i, out, oo + i, n - i);
    }

    /**
     * Cephes tanhf: below |x| = 0.625 an odd polynomial (no cancellation near 0), above it
     * 1 - 2 / (exp(2|x|) + 1) with the sign of x; {@link #exp} clamps at 87, so large |x| give exactly 1.
     */
    @Override
    public void tanh(float[] x, int xo, float[] out, int oo, int n) {
        int i = 0;
        if (n >= MIN_LENGTH) {
            FloatVector one = FloatVector.broadcast(species, 1f);
            FloatVector two = FloatVector.broadcast(species, 2f);
            for (int bound = species.loopBound(n); i < bound; i += species.length()) {
                FloatVector v = FloatVector.fromArray(species, x, xo + i);
                FloatVector a = v.abs();
                FloatVector big = one.sub(two.div(exp(a.add(a)).add(one)));
                big = big.blend(big.neg(), v.compare(VectorOperators.LT, 0f));
                FloatVector z = v.mul(v);
                FloatVector p = z.fma(-5.70498872745e-3f, 2.06390887954e-2f);
                p = p.fma(z, z.broadcast(-5.37397155531e-2f));
                p = p.fma(z, z.broadcast(1.33314422036e-1f));
                p = p.fma(z, z.broadcast(-3.33332819422e-1f));
                FloatVector small = p.fma(z, one).mul(v); // x * (1 + p z): keeps the sign of -0
                big.blend(small, a.compare(VectorOperators.LT, 0.625f)).intoArray(out, oo + i);
            }
        }
        tail.tanh(x, xo + i, out, oo + i, n - i);
    }

    @Override
    public void tanhBackward(float[] y, int yo, float[] grad, int go, float[] out, int oo, int n) {
        int i = 0;
        if (n >= MIN_LENGTH) {
            FloatVector one = FloatVector.broadcast(species, 1f);
            for (int bound = species.loopBound(n); i < bound; i += species.length()) {
                FloatVector v = FloatVector.fromArray(species, y, yo + i);
                FloatVector.fromArray(species, grad, go + i).mul(one.sub(v.mul(v))).intoArray(out, oo + i);
            }
        }
        tail.tanhBackward(y, yo + i, grad, go + i, out, oo + i, n - i);
    }
}

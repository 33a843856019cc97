package org.hanzinet.nn.testing;

import java.util.Map;
import java.util.function.Supplier;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Parameter;

/**
 * Central-difference gradient check of a module's hand-written backward.
 *
 * <p>The scalar probed is {@code L = sum(forward(x) * R)} for a fixed random {@code R}, accumulated in
 * double precision, so dL/dOutput = R. Every analytic gradient (input and each parameter) is compared
 * with {@code (L(v + eps) - L(v - eps)) / (2 eps)} element by element, or on a random sample of at
 * most {@code maxChecksPerTensor} elements for large tensors.
 *
 * <p>Why these tolerances: the layers compute in float32, so L carries a rounding error of about
 * {@code 6e-8 * sum|out * R|}; divided by {@code 2 eps} with eps = 1e-2 that is ~1e-5 relative for the
 * sizes used in tests, while the truncation error of central differences is O(eps^2) = 1e-4 on smooth
 * functions. A bound of rtol 1e-2 with an absolute floor of 1e-3 therefore fails a wrong gradient (off by
 * a factor, a sign, an index) and passes a right one. Inputs must keep away from kinks (ReLU at 0, ties
 * in max-pooling) by more than eps; callers draw them so.
 */
public final class GradientCheck {
    public static final double EPS = 1e-2;
    public static final double RTOL = 1e-2;
    public static final double ATOL = 1e-3;

    private GradientCheck() {}

    /** Checks input and parameter gradients with the default eps and tolerances, sampling large tensors. */
    public static void check(Module module, Tensor input, Rng rng) {
        check(module, input, rng, EPS, ATOL, RTOL, 200);
    }

    /**
     * @param reset called before every forward, e.g. to re-seed dropout so each probe sees the same mask;
     *     may be null
     */
    public static void check(Module module, Tensor input, Rng rng, double eps, double atol, double rtol,
            int maxChecksPerTensor) {
        check(module, input, rng, eps, atol, rtol, maxChecksPerTensor, null);
    }

    public static void check(Module module, Tensor input, Rng rng, double eps, double atol, double rtol,
            int maxChecksPerTensor, Runnable reset) {
        run(reset);
        Tensor out = module.forward(input);
        Tensor r = out.zerosLike().uniform(rng, -1f, 1f);
        module.zeroGrad();
        Tensor gradInput = module.backward(r.copy()).copy();
        Supplier<Double> loss = () -> {
            run(reset);
            Tensor o = module.forward(input);
            double s = 0;
            for (int i = 0; i < o.numel(); i++) {
                s += (double) o.getFlat(i) * r.getFlat(i);
            }
            return s;
        };
        compare("input", input, gradInput, loss, rng, eps, atol, rtol, maxChecksPerTensor);
        for (Map.Entry<String, Parameter> e : module.namedParameters().entrySet()) {
            Parameter p = e.getValue();
            compare("parameter " + e.getKey(), p.value(), p.grad().copy(), loss, rng, eps, atol, rtol,
                    maxChecksPerTensor);
        }
    }

    private static void run(Runnable r) {
        if (r != null) {
            r.run();
        }
    }

    private static void compare(String what, Tensor x, Tensor analytic, Supplier<Double> loss, Rng rng, double eps,
            double atol, double rtol, int maxChecks) {
        int n = x.numel();
        int checks = Math.min(n, maxChecks);
        for (int c = 0; c < checks; c++) {
            int i = n <= maxChecks ? c : rng.nextInt(n);
            float saved = x.getFlat(i);
            float up = (float) (saved + eps);
            float down = (float) (saved - eps);
            x.setFlat(i, up);
            double plus = loss.get();
            x.setFlat(i, down);
            double minus = loss.get();
            x.setFlat(i, saved);
            // The float steps are not exactly +-eps: divide by the step actually taken.
            double numeric = (plus - minus) / ((double) up - down);
            double a = analytic.getFlat(i);
            if (!(Math.abs(a - numeric) <= atol + rtol * Math.abs(numeric))) {
                throw new AssertionError(String.format(
                        "gradient of %s at flat index %d (shape %s): analytic %.6g, numeric %.6g",
                        what, i, java.util.Arrays.toString(x.shape()), a, numeric));
            }
        }
    }
}

package org.hanzinet.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Parameter;
import org.hanzinet.nn.Sequential;
import org.hanzinet.nn.layers.Linear;
import org.junit.jupiter.api.Test;

class GradientClippingTest extends HanzinetTestBase {

    @Test
    void scalesAllGradientsTogetherToMaxNorm() {
        Map<String, Parameter> ps = grads(new float[] {3f, 0f}, new float[] {0f, 4f}); // total norm 5
        assertThat(GradientClipping.clipGradNorm(ps, 1.0)).isEqualTo(5.0);
        double coef = 1.0 / (5.0 + 1e-6);
        assertThat(ps.get("a").grad().toArray()).containsExactly((float) (3 * coef), 0f);
        assertThat(ps.get("b").grad().toArray()).containsExactly(0f, (float) (4 * coef));
    }

    @Test
    void underMaxNormOrAllZeroTheGradientsAreUntouched() {
        Map<String, Parameter> ps = grads(new float[] {0.3f, -0.1f}, new float[] {0.2f});
        assertThat(GradientClipping.clipGradNorm(ps, 1.0)).isCloseTo(Math.sqrt(0.14), within(1e-7));
        assertThat(ps.get("a").grad().toArray()).containsExactly(0.3f, -0.1f);
        Map<String, Parameter> zero = grads(new float[] {0f, 0f}, new float[] {0f});
        assertThat(GradientClipping.clipGradNorm(zero, 0.5)).isZero();
        assertThat(zero.get("a").grad().toArray()).containsExactly(0f, 0f);
    }

    @Test
    void aNonFiniteNormIsReportedAndTheGradientsLeftAlone() {
        Map<String, Parameter> nan = grads(new float[] {1f, Float.NaN}, new float[] {2f});
        assertThat(GradientClipping.clipGradNorm(nan, 1.0)).isNaN();
        assertThat(nan.get("b").grad().toArray()).containsExactly(2f);
        Map<String, Parameter> inf = grads(new float[] {1f, 2f}, new float[] {Float.NEGATIVE_INFINITY});
        assertThat(GradientClipping.clipGradNorm(inf, 1.0)).isInfinite();
        assertThat(inf.get("a").grad().toArray()).containsExactly(1f, 2f);
        assertThatThrownBy(() -> GradientClipping.clipGradNorm(inf, 1.0, true)).isInstanceOf(IllegalStateException.class)
                .hasMessage("clipGradNorm: the total gradient norm is Infinity (gradient of 'b' is -Infinity at flat "
                        + "index 0 of shape [1]); gradients left unchanged");
        assertThatThrownBy(() -> GradientClipping.clipGradNorm(inf, -1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clipGradNorm maxNorm must be a finite number >= 0.0, got -1.0");
    }

    @Test
    void aModuleAndAnyThreadCountGiveTheSameBits() {
        Module m = new Sequential(new Linear(300, 250, true, new Rng(1)));
        float[][] after = new float[2][];
        double[] norms = new double[2];
        int saved = Parallel.threads();
        try {
            for (int k = 0; k < 2; k++) {
                Parallel.setThreads(k == 0 ? 1 : 4);
                Rng g = new Rng(9);
                m.namedParameters().values().forEach(p -> p.grad().copyFrom(Tensor.zeros(p.shape()).uniform(g, -1f, 1f)));
                norms[k] = GradientClipping.clipGradNorm(m, 2.0);
                after[k] = m.namedParameters().get("0.weight").grad().toArray();
            }
        } finally {
            Parallel.setThreads(saved);
        }
        assertThat(norms[1]).isEqualTo(norms[0]).isGreaterThan(100);
        assertThat(after[1]).containsExactly(after[0]);
        double clipped = 0;
        for (Parameter p : m.parameters()) {
            for (float v : p.grad().toArray()) {
                clipped += (double) v * v;
            }
        }
        assertThat(Math.sqrt(clipped)).isCloseTo(2.0, within(1e-4));
    }

    private static Map<String, Parameter> grads(float[] a, float[] b) {
        Map<String, Parameter> ps = new LinkedHashMap<>();
        ps.put("a", withGrad(a));
        ps.put("b", withGrad(b));
        return ps;
    }

    private static Parameter withGrad(float[] g) {
        Parameter p = new Parameter(Tensor.zeros(g.length));
        p.grad().copyFrom(Tensor.of(g.clone(), g.length));
        return p;
    }
}

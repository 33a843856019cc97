package org.hanzinet.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Sequential;
import org.hanzinet.nn.layers.Linear;
import org.hanzinet.nn.layers.ReLU;
import org.junit.jupiter.api.Test;

/** Every optimiser takes a module directly, and its learning rate can be read and changed between steps. */
class OptimizerModuleAndLrTest {

    private static final List<Function<Module, Optimizer>> FROM_MODULE = List.of(
            m -> new SGD(m, new SGD.Config(0.1, 0.9, 0, 0.01, true)),
            m -> new Adam(m, new Adam.Config(0.1, 0.9, 0.999, 1e-8, 0.01)),
            m -> new AdamW(m, new AdamW.Config(0.1, 0.9, 0.999, 1e-8, 0.01, true)));
    private static final List<Function<Module, Optimizer>> FROM_MAP = List.of(
            m -> new SGD(m.namedParameters(), new SGD.Config(0.1, 0.9, 0, 0.01, true)),
            m -> new Adam(m.namedParameters(), new Adam.Config(0.1, 0.9, 0.999, 1e-8, 0.01)),
            m -> new AdamW(m.namedParameters(), new AdamW.Config(0.1, 0.9, 0.999, 1e-8, 0.01, true)));

    @Test
    void aModuleIsTheSameAsItsNamedParameters() {
        for (int k = 0; k < FROM_MODULE.size(); k++) {
            Module a = model();
            Module b = model();
            Optimizer oa = FROM_MODULE.get(k).apply(a);
            Optimizer ob = FROM_MAP.get(k).apply(b);
            for (int s = 0; s < 2; s++) {
                fakeGradients(a, s);
                fakeGradients(b, s);
                oa.step();
                ob.step();
            }
            assertThat(oa.state().keySet()).containsExactlyElementsOf(ob.state().keySet()).hasSizeGreaterThan(4);
            a.namedParameters().forEach((n, p) ->
                    assertThat(p.value().toArray()).as(n).containsExactly(b.namedParameters().get(n).value().toArray()));
        }
    }

    @Test
    void settingTheLearningRateChangesTheNextStep() {
        for (Function<Module, Optimizer> make : FROM_MODULE) {
            Module a = model();
            Module b = model();
            Optimizer oa = make.apply(a);
            Optimizer ob = make.apply(b);
            assertThat(oa.learningRate()).isEqualTo(0.1);
            ob.setLearningRate(0.0);
            fakeGradients(a, 0);
            fakeGradients(b, 0);
            oa.step();
            ob.step();
            float before = model().namedParameters().get("2.bias").value().getFlat(0);
            assertThat(a.namedParameters().get("2.bias").value().getFlat(0)).isNotEqualTo(before);
            // lr 0: even the (decoupled or L2) weight decay leaves the weights alone
            assertThat(b.namedParameters().get("2.bias").value().getFlat(0)).isEqualTo(before);
            assertThatThrownBy(() -> ob.setLearningRate(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lr must be a finite number >= 0.0, got -1.0");
            assertThatThrownBy(() -> ob.setLearningRate(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aModuleWithoutParametersIsRefused() {
        assertThatThrownBy(() -> new AdamW(new ReLU(), AdamW.Config.defaults(0.1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("AdamW: module ReLU has no parameters to optimise");
    }

    private static Module model() {
        Rng rng = new Rng(7);
        return new Sequential(new Linear(4, 3, true, rng), new ReLU(), new Linear(3, 2, true, rng));
    }

    private static void fakeGradients(Module m, int step) {
        Rng rng = new Rng(100 + step);
        m.namedParameters().values().forEach(p -> p.grad().copyFrom(Tensor.zeros(p.shape()).uniform(rng, -1f, 1f)));
    }
}

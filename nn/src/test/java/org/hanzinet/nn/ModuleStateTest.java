package org.hanzinet.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.layers.Conv2d;
import org.hanzinet.nn.layers.Linear;
import org.hanzinet.nn.layers.ReLU;
import org.junit.jupiter.api.Test;

class ModuleStateTest {

    /** A module with a parameter and a buffer, as BatchNorm has. */
    static class Stateful extends Module {
        Stateful() {
            registerParameter("weight", Tensor.zeros(2));
            registerBuffer("running_mean", Tensor.zeros(2));
        }

        @Override
        public Tensor forward(Tensor input) {
            return input;
        }

        @Override
        public Tensor backward(Tensor gradOutput) {
            return gradOutput;
        }
    }

    @Test
    void stateDictFollowsPyTorchsOrderAndBuffersAreNoParameters() {
        Sequential s = new Sequential().add("a", new Stateful()).add("b", new Sequential(new Stateful()));
        assertThat(s.stateDict().keySet()).containsExactly("a.weight", "a.running_mean", "b.0.weight", "b.0.running_mean");
        assertThat(s.namedBuffers().keySet()).containsExactly("a.running_mean", "b.0.running_mean");
        assertThat(s.namedParameters().keySet()).containsExactly("a.weight", "b.0.weight");
        assertThat(s.parameterCount()).isEqualTo(4);
    }

    @Test
    void aBufferNameCannotRepeatAParameterName() {
        class Clash extends Stateful {
            Clash() {
                registerBuffer("weight", Tensor.zeros(1));
            }
        }
        assertThatThrownBy(Clash::new).hasMessageContaining("duplicate name 'weight'");
    }

    @Test
    void aFirstLayerWithoutInputGradientStillAccumulatesItsWeightGradient() {
        Rng rng = new Rng(3);
        Tensor x = Tensor.zeros(2, 3, 6, 5);
        x.uniform(rng, -1f, 1f);
        Sequential with = new Sequential(new Conv2d(3, 4, 3, 1, 1, true, new Rng(1)), new ReLU());
        Sequential without = new Sequential(new Conv2d(3, 4, 3, 1, 1, true, new Rng(1)), new ReLU())
                .requireInputGradient(false);
        Tensor g = Tensor.zeros(2, 4, 6, 5);
        g.uniform(rng, -1f, 1f);
        with.forward(x);
        assertThat(with.backward(g)).isNotNull();
        without.forward(x);
        assertThat(without.backward(g)).isNull();
        assertThat(without.namedParameters().get("0.weight").grad().data())
                .containsExactly(with.namedParameters().get("0.weight").grad().data());
        assertThat(without.layers().get(0).inputGradientRequired()).isFalse();
        assertThat(without.layers().get(1).inputGradientRequired()).isTrue();
    }

    @Test
    void linearSkipsItsInputGradientWhenAsked() {
        Linear l = new Linear(3, 2, true, new Rng(1));
        l.requireInputGradient(false);
        l.forward(Tensor.zeros(4, 3));
        assertThat(l.backward(Tensor.zeros(4, 2))).isNull();
    }
}

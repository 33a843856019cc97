package org.hanzinet.nn.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Sequential;
import org.hanzinet.nn.layers.Linear;
import org.hanzinet.nn.layers.ReLU;
import org.hanzinet.nn.layers.Sigmoid;
import org.hanzinet.nn.loss.BCELoss;
import org.hanzinet.nn.optim.Adam;
import org.hanzinet.nn.optim.Optimizer;
import org.hanzinet.nn.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Resuming from a checkpoint continues training exactly: two steps, save, two more steps, against a
 * fresh model and optimiser loaded from the file and stepped twice on the same batches, bit for bit.
 */
class CheckpointResumeTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd", "adam"})
    void resumedTrainingIsBitIdentical(String which) throws IOException {
        Function<Module, Optimizer> opt = m -> which.equals("sgd")
                ? new SGD(m.namedParameters(), 0.05, 0.9, 1e-4, true)
                : new Adam(m.namedParameters(), 0.01, 0.9, 0.999, 1e-8, 0.0);
        Rng data = new Rng(5);
        Tensor[] xs = new Tensor[4];
        Tensor[] ts = new Tensor[4];
        for (int i = 0; i < 4; i++) {
            xs[i] = Tensor.zeros(6, 7).uniform(data, -1f, 1f);
            ts[i] = Tensor.zeros(6, 3).map(v -> data.nextDouble() < 0.5 ? 1f : 0f);
        }
        Module a = model(11);
        Optimizer oa = opt.apply(a);
        step(a, oa, xs[0], ts[0]);
        step(a, oa, xs[1], ts[1]);
        Path f = dir.resolve("resume.safetensors");
        Checkpoint.save(f, a, oa, "{\"optimizer\":\"" + which + "\"}", 11L);
        step(a, oa, xs[2], ts[2]);
        step(a, oa, xs[3], ts[3]);

        Module b = model(999); // different initial weights, all overwritten by the load
        Optimizer ob = opt.apply(b);
        Checkpoint.load(f, b, ob);
        step(b, ob, xs[2], ts[2]);
        step(b, ob, xs[3], ts[3]);
        a.namedParameters().forEach((n, p) ->
                assertThat(b.namedParameters().get(n).value().toArray()).as(n).containsExactly(p.value().toArray()));
        oa.state().forEach((n, t) -> assertThat(ob.state().get(n).toArray()).as(n).containsExactly(t.toArray()));
    }

    @Test
    void optimiserStateThatDoesNotFitIsRejectedBeforeTheModelChanges() throws IOException {
        Module a = model(1);
        SGD withMomentum = new SGD(a.namedParameters(), 0.1, 0.9, 0.0, false);
        step(a, withMomentum, Tensor.zeros(2, 7).fill(0.5f), Tensor.zeros(2, 3));
        Path f = dir.resolve("momentum.safetensors");
        Checkpoint.save(f, a, withMomentum, "{}", 1L);

        Module b = model(2);
        float[] before = b.namedParameters().get("0.weight").value().toArray();
        SGD plain = new SGD(b.namedParameters(), 0.1, 0.0, 0.0, false);
        assertThatThrownBy(() -> Checkpoint.load(f, b, plain)).isInstanceOf(CheckpointMismatchException.class)
                .hasMessageContaining("momentum.safetensors: optimiser state does not fit the SGD")
                .hasMessageContaining("momentum_buffer");
        assertThat(b.namedParameters().get("0.weight").value().toArray()).containsExactly(before);
    }

    private static Module model(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential(new Linear(7, 5, true, rng), new ReLU(), new Linear(5, 3, true, rng), new Sigmoid());
    }

    private static void step(Module m, Optimizer o, Tensor x, Tensor t) {
        BCELoss loss = new BCELoss();
        o.zeroGrad();
        loss.forward(m.forward(x), t);
        m.backward(loss.backward());
        o.step();
    }
}

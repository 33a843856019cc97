package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.io.SafeTensors;
import org.hanzinet.examples.config.ModelKind;
import org.hanzinet.examples.config.OptimizerKind;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.data.ctw.CtwReadOptions;
import org.hanzinet.data.ctw.CtwReader;
import org.hanzinet.data.dataset.CtwDataset;
import org.hanzinet.data.dataset.DatasetOptions;
import org.hanzinet.examples.model.Head;
import org.hanzinet.examples.model.ReferenceModels;
import org.hanzinet.examples.train.CheckpointStore;
import org.hanzinet.examples.train.ProgressBar;
import org.hanzinet.examples.train.RunCheckpoint;
import org.hanzinet.examples.train.Trainer;
import org.hanzinet.examples.train.TrainingDivergedException;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A NaN in training stops with epoch and batch named and leaves the last good checkpoint as it was. */
class NanStopTest {
    @TempDir
    Path tmp;

    /** Model 1 whose {@code poisonAt}-th training forward returns NaN probabilities. */
    static final class Poisoned extends Module {
        private final Module inner = registerModule("inner", ReferenceModels.model1(32, Head.BANDS_1D, new Rng(1)));
        private final int poisonAt;
        private int calls;

        Poisoned(int poisonAt) {
            this.poisonAt = poisonAt;
        }

        @Override
        public Tensor forward(Tensor input) {
            Tensor out = inner.forward(input);
            if (isTraining() && ++calls == poisonAt) {
                return out.copy().fill(Float.NaN);
            }
            return out;
        }

        @Override
        public Tensor backward(Tensor gradOutput) {
            return inner.backward(gradOutput);
        }
    }

    @Test
    void nanAtEpochTwoBatchTwoKeepsTheEpochOneCheckpoint() throws IOException {
        Path dir = TinyCtw.write(tmp.resolve("ctw"), 5, 32, 1);
        List<CtwImage> images = CtwReader.readAll(dir.resolve("train.jsonl"), CtwReadOptions.defaults());
        CtwDataset train = new CtwDataset(dir, images.subList(0, 4), DatasetOptions.defaults());
        CtwDataset val = new CtwDataset(dir, images.subList(4, 5), DatasetOptions.defaults());
        RunConfig cfg = new RunConfig(ModelKind.MODEL1, Head.BANDS_1D, "default", "none", 32, 5, 3, 2, OptimizerKind.SGD, 0.005, 0.9, 0.9, 0.999,
                1e-8, 0, 0.7, 0.1, 1, 1);
        // Reference: exactly one epoch, no poison.
        Path good = tmp.resolve("good.safetensors");
        Module ref = new Poisoned(-1);
        trainer(ref, good, cfg).train(train, val, 3, 1, 2, 1, new CheckpointStore.Restored(0, List.of()));

        Path ckpt = tmp.resolve("ckpt.safetensors");
        Module m = new Poisoned(4); // 2 batches per epoch: call 4 = epoch 2, batch 2
        Trainer t = trainer(m, ckpt, cfg);
        assertThatThrownBy(() -> t.train(train, val, 3, 2, 1, new CheckpointStore.Restored(0, List.of())))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("NaN at epoch 2, batch 2")
                .hasMessageContaining("checkpoint of epoch 1 is kept");
        assertThat(RunCheckpoint.readState(ckpt).epoch()).isEqualTo(1);
        assertThat(RunCheckpoint.readState(ckpt).history()).hasSize(1);
        Map<String, Tensor> a = SafeTensors.read(good);
        Map<String, Tensor> b = SafeTensors.read(ckpt);
        a.forEach((name, x) -> assertThat(b.get(name).toArray()).as(name).isEqualTo(x.toArray()));
    }

    private static Trainer trainer(Module m, Path ckpt, RunConfig cfg) {
        return new Trainer(m, new SGD(m.namedParameters(), 0.005, 0.9, 0, false), new RunCheckpoint(ckpt, cfg),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), ProgressBar.Mode.OFF);
    }
}

package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.data.ctw.CtwReadOptions;
import org.hanzinet.data.ctw.CtwReader;
import org.hanzinet.data.dataset.CtwDataset;
import org.hanzinet.data.dataset.DatasetOptions;
import org.hanzinet.examples.config.ModelKind;
import org.hanzinet.examples.config.OptimizerKind;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.examples.model.Head;
import org.hanzinet.examples.model.ReferenceModels;
import org.hanzinet.examples.train.CheckpointStore;
import org.hanzinet.examples.train.ProgressBar;
import org.hanzinet.examples.train.RunCheckpoint;
import org.hanzinet.examples.train.Trainer;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop feeds the model the same batch tensor every step, epoch and validation pass (no per-step batch). */
class TrainerBatchReuseTest {
    @TempDir
    Path tmp;

    /** Model 1 that remembers every input it was given. */
    static final class Recording extends Module {
        private final Module inner = registerModule("inner", ReferenceModels.model1(32, Head.BANDS_1D, new Rng(1)));
        final List<Tensor> trainingInputs = new ArrayList<>();
        final List<Tensor> evalInputs = new ArrayList<>();

        @Override
        public Tensor forward(Tensor input) {
            (isTraining() ? trainingInputs : evalInputs).add(input);
            return inner.forward(input);
        }

        @Override
        public Tensor backward(Tensor gradOutput) {
            return inner.backward(gradOutput);
        }
    }

    @Test
    void oneBatchTensorServesEveryStepAndTheValidation() throws Exception {
        Path dir = TinyCtw.write(tmp.resolve("ctw"), 6, 32, 3);
        List<CtwImage> images = CtwReader.readAll(dir.resolve("train.jsonl"), CtwReadOptions.defaults());
        CtwDataset train = new CtwDataset(dir, images.subList(0, 4), DatasetOptions.defaults());
        CtwDataset val = new CtwDataset(dir, images.subList(4, 6), DatasetOptions.defaults());
        RunConfig cfg = new RunConfig(ModelKind.MODEL1, Head.BANDS_1D, "default", "none", 32, 6, 3, 2, OptimizerKind.SGD,
                0.005, 0.9, 0.9, 0.999, 1e-8, 0, 0.6, 0.3, 1, 1);
        Recording m = new Recording();
        new Trainer(m, new SGD(m.namedParameters(), 0.005, 0.9, 0, false),
                new RunCheckpoint(tmp.resolve("ckpt.safetensors"), cfg), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), ProgressBar.Mode.OFF)
                .train(train, val, 3, 2, 7, new CheckpointStore.Restored(0, List.of()));
        assertThat(m.trainingInputs).hasSize(6); // 3 epochs x 2 batches
        assertThat(m.evalInputs).hasSize(3); // one validation batch per epoch
        Tensor first = m.trainingInputs.get(0);
        assertThat(first.shape()).containsExactly(2, 3, 32, 32);
        assertThat(m.trainingInputs).allSatisfy(t -> assertThat(t).isSameAs(first));
        assertThat(m.evalInputs).allSatisfy(t -> assertThat(t).isSameAs(first));
    }
}

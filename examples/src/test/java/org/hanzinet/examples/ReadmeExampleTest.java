package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Sequential;
import org.hanzinet.nn.checkpoint.Checkpoint;
import org.hanzinet.nn.layers.Conv2d;
import org.hanzinet.nn.layers.Flatten;
import org.hanzinet.nn.layers.Linear;
import org.hanzinet.nn.layers.MaxPool2d;
import org.hanzinet.nn.layers.ReLU;
import org.hanzinet.nn.layers.Sigmoid;
import org.hanzinet.nn.loss.BCELoss;
import org.hanzinet.nn.optim.Adam;
import org.hanzinet.nn.optim.Optimizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Using the library" snippet, verbatim between the markers, so the README cannot rot. */
class ReadmeExampleTest {

    @Test
    void readmeTrainingStepRunsAndLearns(@TempDir Path dir) throws Exception {
        Rng data = new Rng(7);
        Tensor images = Tensor.zeros(4, 3, 64, 64).uniform(data, 0f, 1f);
        Tensor labels = Tensor.of(new float[] {0, 1, 0, 1}, 4, 1);
        float first = Float.NaN;
        float last = Float.NaN;
        // --- README snippet ---
        Rng rng = new Rng(42);
        Sequential model = new Sequential(
                new Conv2d(3, 8, 5, 1, 2, true, rng), new ReLU(), new MaxPool2d(2, 2),  // [N,3,64,64] -> [N,8,32,32]
                new Flatten(),                                                          // -> [N, 8192]
                new Linear(8 * 32 * 32, 1, true, rng), new Sigmoid());                  // -> [N, 1]
        Optimizer opt = new Adam(model.namedParameters(), 1e-3, 0.9, 0.999, 1e-8, 0);
        BCELoss loss = new BCELoss();
        // --- end of the part before the loop ---
        for (int step = 0; step < 20; step++) {
            opt.zeroGrad();
            Tensor probs = model.forward(images);          // images [N,3,64,64], labels [N,1]
            float l = loss.forward(probs, labels);
            model.backward(loss.backward());               // fills every Parameter.grad()
            opt.step();
            if (step == 0) {
                first = l;
            }
            last = l;
        }
        Path file = dir.resolve("model.safetensors");
        Checkpoint.save(file, model, opt, "{}", 42);  // atomic; PyTorch names
        assertThat(last).as("loss after 20 Adam steps on 4 fixed images").isLessThan(first * 0.5f);
        assertThat(Files.size(file)).isGreaterThan(4L * model.parameterCount());
    }
}

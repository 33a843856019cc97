package org.hanzinet.nn.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint laid out by PyTorch's side (a {@code state_dict} written as safetensors by the fixture
 * script) loads through {@link Checkpoint} into the same architecture built here, and gives PyTorch's
 * outputs (parity error <= 1e-4); saved again by hanzinet and reloaded, it gives the same outputs.
 */
class TorchCheckpointParityTest {
    @TempDir
    Path dir;

    private static Sequential model() {
        Rng rng = new Rng(99); // overwritten by the checkpoint
        return new Sequential()
                .add("layer1", new Sequential(new Conv2d(3, 4, 3, 1, 1, true, rng), new ReLU(), new MaxPool2d(2, 2)))
                .add("flatten", new Flatten())
                .add("fc", new Linear(4 * 4 * 4, 5, true, rng))
                .add("sigmoid", new Sigmoid());
    }

    @Test
    void pytorchStateDictLoadsAndGivesPyTorchsOutputs() throws IOException {
        ParityFixture io = ParityFixture.load("torch_state_dict_io");
        Sequential net = model();
        Map<String, String> meta = Checkpoint.load(ParityFixture.path("torch_state_dict"), net, null);
        assertThat(meta).containsEntry("format", "pt");
        io.assertClose("output", net.forward(io.tensor("input")), ParityFixture.TOLERANCE);

        Path again = dir.resolve("resaved.safetensors");
        Checkpoint.save(again, net, null, "{\"model\":\"torch_state_dict\"}", 3L);
        Sequential reloaded = model();
        Checkpoint.load(again, reloaded, null);
        Tensor expected = net.forward(io.tensor("input")).copy();
        assertThat(reloaded.forward(io.tensor("input")).toArray()).containsExactly(expected.toArray());
    }
}

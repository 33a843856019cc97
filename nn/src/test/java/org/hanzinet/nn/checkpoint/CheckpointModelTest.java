package org.hanzinet.nn.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.nn.LayerTypes;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.SequentialConfig;
import org.hanzinet.nn.graph.GraphConfig;
import org.hanzinet.nn.layers.Add;
import org.hanzinet.nn.layers.Conv2d;
import org.hanzinet.nn.layers.Linear;
import org.hanzinet.nn.layers.ReLU;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The network config travels in the checkpoint; loadModel rebuilds and loads the model from the file alone. */
class CheckpointModelTest extends HanzinetTestBase {
    @TempDir
    Path dir;

    private static GraphConfig residual() {
        return GraphConfig.builder("x")
                .add("stem", SequentialConfig.of(new Conv2d.Config(2, 3, 3, 1, 1, true), new ReLU.Config()), "x")
                .add("conv", new Conv2d.Config(3, 3, 3, 1, 1, false), "stem")
                .add("sum", new Add.Config(), "conv", "stem")
                .build("sum");
    }

    @Test
    void loadModelRebuildsTheNetworkAndItsWeights() throws Exception {
        GraphConfig cfg = residual();
        Module model = cfg.build(new Rng(42));
        Path file = dir.resolve("m.safetensors");
        Checkpoint.save(file, cfg, model, null, "{}", 42);

        assertThat(Checkpoint.networkConfig(file)).isEqualTo(cfg);
        Module loaded = Checkpoint.loadModel(file);
        assertThat(loaded.stateDict().keySet()).containsExactlyElementsOf(model.stateDict().keySet());
        Tensor x = randomTensor(1, 2, 5, 5);
        assertThat(loaded.forward(x).toArray()).containsExactly(model.forward(x).toArray());
    }

    @Test
    void aFileWithoutANetworkConfigSaysSo() throws Exception {
        Path file = dir.resolve("plain.safetensors");
        Checkpoint.save(file, new Linear(2, 1, true, rng), null, "{}", 1);
        assertThatThrownBy(() -> Checkpoint.loadModel(file)).isInstanceOf(CheckpointMismatchException.class)
                .hasMessageContaining("plain.safetensors: holds no network config (metadata 'hanzinet.network')");
    }

    @Test
    void aConfigThatDidNotBuildTheModelIsRefusedAtSave() {
        assertThatThrownBy(() -> Checkpoint.save(dir.resolve("x.safetensors"), new Linear.Config(3, 1, true),
                new Linear(2, 1, true, rng), null, "{}", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("network config has 4 parameters, the model 3");
    }

    @Test
    void aBadStoredConfigIsNamed() {
        assertThatThrownBy(() -> LayerTypes.fromJson("{\"type\":\"Conv3d\"}")).hasMessageContaining("bad network config")
                .hasMessageContaining("Conv3d");
    }
}

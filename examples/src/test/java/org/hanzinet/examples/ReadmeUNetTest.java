package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.examples.unet.UNetModel;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.checkpoint.Checkpoint;
import org.hanzinet.nn.graph.GraphConfig;
import org.hanzinet.nn.loss.BCEWithLogitsLoss;
import org.hanzinet.nn.optim.Adam;
import org.hanzinet.nn.optim.Optimizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's U-Net: the code between the {@code README} markers of {@code UNetModel} (the shipped model's
 * architecture) and of this file must appear verbatim (indentation aside) in the README, and it runs: trains,
 * saves, and loads back with {@code Checkpoint.loadModel} alone.
 */
class ReadmeUNetTest {
    private static final String BEGIN = "// README: begin";
    private static final String END = "// README: end";


    @Test
    void readmeUNetTrainsSavesAndLoadsBackFromTheFileAlone(@TempDir Path dir) throws Exception {
        Rng data = new Rng(7);
        Tensor images = Tensor.zeros(2, 3, 64, 64).uniform(data, 0f, 1f);
        Tensor masks = Tensor.zeros(2, 1, 64, 64); // 1 where the red channel is bright: learnable pixel by pixel
        for (int n = 0; n < 2; n++) {
            for (int i = 0; i < 64 * 64; i++) {
                masks.setFlat(n * 4096 + i, images.getFlat(n * 3 * 4096 + i) > 0.6f ? 1f : 0f);
            }
        }
        Path file = dir.resolve("unet.safetensors");
        float first = new BCEWithLogitsLoss().forward(UNetModel.config(new int[] {8, 16, 32, 64}).build(new Rng(42))
                .forward(images), masks); // the loss of the first step
        // README: begin
        GraphConfig config = UNetModel.config(new int[] {8, 16, 32, 64});
        Module model = config.build(new Rng(42)).requireInputGradient(false);  // the image needs no gradient
        Optimizer opt = new Adam(model.namedParameters(), 1e-2, 0.9, 0.999, 1e-8, 0);
        BCEWithLogitsLoss loss = new BCEWithLogitsLoss();
        for (int step = 0; step < 10; step++) {
            opt.zeroGrad();
            float l = loss.forward(model.forward(images), masks);  // images [N,3,64,64], masks [N,1,64,64]
            model.backward(loss.backward());
            opt.step();
        }
        Checkpoint.save(file, config, model, opt, "{}", 42);      // the config travels in the file
        Module loaded = Checkpoint.loadModel(file).eval();          // no code of ours describes the model
        // README: end
        assertThat(config.parameterCount()).isEqualTo(model.parameterCount());
        assertThat(loaded.stateDict().keySet()).containsExactlyElementsOf(model.stateDict().keySet())
                .contains("down.0.conv1.weight", "down.0.bn1.running_mean", "up.2.bn2.num_batches_tracked", "head.bias");
        model.eval();
        Tensor expected = model.forward(images).copy();
        assertThat(loaded.forward(images).toArray()).containsExactly(expected.toArray());
        model.train();
        float last = new BCEWithLogitsLoss().forward(model.forward(images), masks);
        assertThat(last).as("BCE after 10 Adam steps, first %s", first).isLessThan(first * 0.8f);
    }

    @Test
    void theReadmeShowsThisCodeVerbatim() throws IOException {
        String readme = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("README.md"));
        List<String> regions = new ArrayList<>(regions(Files.readAllLines(
                Path.of("src/main/java/org/hanzinet/examples/unet/UNetModel.java"))));
        regions.addAll(regions(Files.readAllLines(Path.of("src/test/java/org/hanzinet/examples/ReadmeUNetTest.java"))));
        assertThat(regions).hasSize(2);
        for (String r : regions) {
            assertThat(readme).as("README block").contains(r);
        }
    }

    /** The marked regions, each with the indentation of its first line removed from every line. */
    private static List<String> regions(List<String> lines) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = null;
        int indent = 0;
        for (String line : lines) {
            String t = line.strip();
            if (t.equals(BEGIN)) {
                sb = new StringBuilder();
                indent = line.indexOf(BEGIN);
            } else if (t.equals(END)) {
                out.add(sb.toString());
                sb = null;
            } else if (sb != null) {
                sb.append(line.length() >= indent ? line.substring(indent) : line.strip()).append('\n');
            }
        }
        return out;
    }
}

package org.hanzinet.nn.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.io.SafeTensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java twin of the fixture generator reproduces Python's generated and sampled tensors exactly. */
class ParityFixtureTest {
    @TempDir
    Path dir;

    @Test
    void javaWriterReproducesThePythonWrittenFilesByteForByte() throws IOException {
        for (String name : new String[] {"torch_state_dict", "model1_step", "conv2d_m2_conv3", "generator_check"}) {
            Path original = ParityFixture.path(name);
            Path rewritten = dir.resolve(name + ".safetensors");
            SafeTensors.write(rewritten, SafeTensors.read(original), SafeTensors.readMetadata(original));
            assertThat(Files.readAllBytes(rewritten)).as(name).isEqualTo(Files.readAllBytes(original));
        }
    }

    @Test
    void generatedTensorsAreBitIdenticalToPython() {
        ParityFixture fx = ParityFixture.load("generator_check");
        for (String kind : new String[] {"unit", "sym", "bernoulli"}) {
            Tensor gen = fx.tensor("gen_" + kind);
            Tensor stored = fx.tensor("stored_" + kind);
            assertThat(gen.shape()).containsExactly(3, 1000);
            assertThat(gen.toArray()).as(kind).containsExactly(stored.toArray());
        }
        float[] b = fx.tensor("gen_bernoulli").toArray();
        int ones = 0;
        for (float v : b) {
            ones += v == 1f ? 1 : 0;
        }
        assertThat(ones).as("bernoulli(0.2) of 3000").isBetween(500, 700);
    }

    @Test
    void sampledComparisonUsesPythonsIndicesAndCatchesADifference() {
        ParityFixture fx = ParityFixture.load("generator_check");
        Tensor arange = Tensor.zeros(2, 25000);
        for (int i = 0; i < arange.numel(); i++) {
            arange.setFlat(i, i);
        }
        assertThat(fx.error("sampled_arange", arange)).isZero();
        Tensor off = arange.copy();
        off.map(v -> v + 1f);
        double maxSampled = 0;
        for (int j = 0; j < 2048; j++) {
            maxSampled = Math.max(maxSampled, ParityFixture.sampleIndex(j, 50000));
        }
        assertThat(maxSampled).as("samples spread over the tensor").isGreaterThan(49900);
        assertThat(fx.error("sampled_arange", off)).isEqualTo(1.0 / maxSampled);
        assertThatThrownBy(() -> fx.assertClose("sampled_arange", arange.reshape(25000, 2), 1e-4))
                .hasMessageContaining("has shape [25000, 2], PyTorch's has [2, 25000]");
    }
}

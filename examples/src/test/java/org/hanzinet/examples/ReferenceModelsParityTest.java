package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.io.SafeTensors;
import org.hanzinet.core.testing.TensorAssert;
import org.hanzinet.examples.config.ModelKind;
import org.hanzinet.examples.model.Head;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ReferenceModels against PyTorch (examples/src/test/python/make_model_fixtures.py): both models, both
 * heads, 2 x 3 x 32 x 32, in evaluation mode. Inputs and weights follow closed formulas evaluated on both
 * sides, so only the expected probabilities are stored. Catches a wrong layer order, padding, band
 * mapping of the 1-D head or grid orientation (4 x 5, not 5 x 4) of the 2-D head.
 */
class ReferenceModelsParityTest {
    static final int SIZE = 32;

    @ParameterizedTest
    @CsvSource({"model1, 1d", "model1, 2d", "model2, 1d", "model2, 2d"})
    void probabilitiesMatchPyTorch(String model, String head) throws IOException, URISyntaxException {
        Path fixture = Path.of(getClass().getResource("/models/" + model + "_" + head + ".safetensors").toURI());
        Map<String, Tensor> expected = SafeTensors.read(fixture);
        Module m = ModelKind.parse(model).build(SIZE, Head.parse(head), new Rng(0));
        Map<String, Parameter> params = m.namedParameters();
        assertThat(SafeTensors.readMetadata(fixture).get("params"))
                .isEqualTo("[\"" + String.join("\", \"", params.keySet()) + "\"]");
        params.forEach((name, p) -> fill(p.value(), name, 1 / Math.sqrt(fanIn(params, name))));
        m.eval();
        Tensor x = Tensor.zeros(2, 3, SIZE, SIZE);
        for (int i = 0; i < x.numel(); i++) {
            x.setFlat(i, (float) (0.5 + 0.5 * Math.sin(0.11 * i)));
        }
        Tensor probs = m.forward(x);
        assertThat(probs.shape()).containsExactly(2, 1, SIZE, SIZE);
        TensorAssert.assertClose(model + " " + head, probs, expected.get("probs"), 1e-5, 1e-4);
        assertThat(Files.size(fixture)).isLessThan(20_000);
    }

    private static int fanIn(Map<String, Parameter> params, String name) {
        int[] w = params.get(name.replace("bias", "weight")).shape();
        int f = 1;
        for (int d = 1; d < w.length; d++) {
            f *= w[d];
        }
        return f;
    }

    /** v[i] = scale * sin(0.37 i + key(name)), as value() in the Python generator. */
    private static void fill(Tensor t, String name, double scale) {
        int key = name.chars().sum() % 97;
        for (int i = 0; i < t.numel(); i++) {
            t.setFlat(i, (float) (scale * Math.sin(0.37 * i + key)));
        }
    }
}

package org.hanzinet.nn.parity;

import static org.assertj.core.api.Assertions.assertThat;

import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.layers.Dropout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dropout against PyTorch with given-mask semantics, out = x * mask / (1 - p). hanzinet's Dropout draws
 * its mask from its own generator and takes none from outside, so the test reads the mask it drew (the
 * non-zero outputs; fixture inputs are never 0) and requires: dropped elements give 0 in output and
 * gradient; kept elements equal PyTorch's output and input gradient wherever PyTorch's mask also kept
 * them (parity error <= 1e-4); and the kept fraction is plausible for p.
 */
class DropoutParityTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dropout_p03", "dropout_p05"})
    void keptElementsMatchPyTorchScaling(String fixture) {
        ParityFixture fx = ParityFixture.load(fixture);
        float p = (float) fx.config().get("p").asDouble();
        Dropout dropout = new Dropout(p, new Rng(7));
        Tensor x = fx.tensor("input");
        Tensor out = dropout.forward(x).copy();
        Tensor gradIn = dropout.backward(fx.tensor("grad_output")).copy();
        Tensor torchMask = fx.tensor("mask");

        Tensor expectedOut = fx.tensor("input").zerosLike();
        Tensor expectedGrad = expectedOut.zerosLike();
        Tensor torchOut = fx.expected("output");
        Tensor torchGrad = fx.expected("grad_input");
        Tensor gradOut = fx.tensor("grad_output");
        int kept = 0;
        int both = 0;
        for (int i = 0; i < x.numel(); i++) {
            assertThat(x.getFlat(i)).isNotZero();
            boolean keep = out.getFlat(i) != 0f;
            kept += keep ? 1 : 0;
            if (keep && torchMask.getFlat(i) == 1f) {
                both++;
                expectedOut.setFlat(i, torchOut.getFlat(i));
                expectedGrad.setFlat(i, torchGrad.getFlat(i));
            } else if (keep) { // PyTorch dropped it: the formula with the mask hanzinet drew
                expectedOut.setFlat(i, x.getFlat(i) * (1f / (1f - p)));
                expectedGrad.setFlat(i, gradOut.getFlat(i) * (1f / (1f - p)));
            }
        }
        assertThat(both).as("elements kept by both masks").isPositive();
        double n = x.numel();
        assertThat(Math.abs(kept - n * (1 - p))).as("kept %d of %.0f at p=%s", kept, n, p)
                .isLessThan(4 * Math.sqrt(n * p * (1 - p)));
        assertClose(fx, "output", out, expectedOut);
        assertClose(fx, "grad_input", gradIn, expectedGrad);

        dropout.eval();
        assertThat(dropout.forward(x).toArray()).as("eval is the identity").containsExactly(x.toArray());
    }

    private static void assertClose(ParityFixture fx, String what, Tensor actual, Tensor expected) {
        double maxDiff = 0;
        double scale = ParityFixture.FLOOR;
        for (int i = 0; i < actual.numel(); i++) {
            maxDiff = Math.max(maxDiff, Math.abs(actual.getFlat(i) - expected.getFlat(i)));
            scale = Math.max(scale, Math.abs(expected.getFlat(i)));
        }
        assertThat(maxDiff / scale).as("%s: %s parity error", fx.name, what).isLessThanOrEqualTo(ParityFixture.TOLERANCE);
    }
}

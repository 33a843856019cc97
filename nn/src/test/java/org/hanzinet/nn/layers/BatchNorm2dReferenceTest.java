package org.hanzinet.nn.layers;

import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.core.testing.TensorAssert;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * BatchNorm2d in training against a plain double-precision implementation of the formulas, at plane
 * sizes that put the kernels' vector bodies and scalar tails at every boundary (H = 1, W = size).
 */
class BatchNorm2dReferenceTest extends HanzinetTestBase {

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 17, 31, 127, 1025, 2 * 1024 + 33})
    void trainingForwardAndBackwardMatchTheFormulas(int w) {
        int n = 2, c = 3, hw = w;
        Tensor x = randomTensor(n, c, 1, w).map(v -> 5 * v + 7);
        Tensor g = randomTensor(n, c, 1, w);
        BatchNorm2d bn = new BatchNorm2d(c);
        bn.weight().value().copyFrom(randomTensor(c).map(v -> v + 1.5f));
        bn.bias().value().copyFrom(randomTensor(c));
        Tensor y = bn.forward(x);
        Tensor dx = bn.backward(g);

        Tensor ey = Tensor.zeros(n, c, 1, w), edx = Tensor.zeros(n, c, 1, w);
        float[] edw = new float[c], edb = new float[c];
        double m = n * hw;
        for (int ch = 0; ch < c; ch++) {
            double mean = 0, var = 0, sg = 0, sgx = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < hw; j++) {
                    mean += x.get(i, ch, 0, j) / m;
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < hw; j++) {
                    double d = x.get(i, ch, 0, j) - mean;
                    var += d * d / m;
                    sg += g.get(i, ch, 0, j);
                    sgx += g.get(i, ch, 0, j) * d;
                }
            }
            double r = 1 / Math.sqrt(var + 1e-5), wt = bn.weight().value().getFlat(ch);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < hw; j++) {
                    double xhat = (x.get(i, ch, 0, j) - mean) * r;
                    ey.set((float) (xhat * wt + bn.bias().value().getFlat(ch)), i, ch, 0, j);
                    edx.set((float) (wt * r * (g.get(i, ch, 0, j) - sg / m - xhat * sgx * r / m)), i, ch, 0, j);
                }
            }
            edw[ch] = (float) (sgx * r);
            edb[ch] = (float) sg;
        }
        TensorAssert.assertClose("output", y, ey, 2e-5, 1e-5);
        TensorAssert.assertClose("grad_input", dx, edx, 2e-5, 1e-4);
        TensorAssert.assertClose("grad_weight", bn.weight().grad(), Tensor.of(edw, c), 1e-4, 1e-5);
        TensorAssert.assertClose("grad_bias", bn.bias().grad(), Tensor.of(edb, c), 1e-4, 1e-5);
    }
}

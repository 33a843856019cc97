package org.hanzinet.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.layers.BatchNorm2d;
import org.hanzinet.nn.layers.Dropout;
import org.hanzinet.nn.layers.ReLU;
import org.junit.jupiter.api.Test;

/** train()/eval() on a container reaches Dropout and BatchNorm2d nested inside it, and both obey it. */
class TrainEvalTest {

    private static Sequential net() {
        return new Sequential()
                .add("block", new Sequential(new BatchNorm2d(2), new ReLU()))
                .add("drop", new Dropout(0.5f, new Rng(1)));
    }

    @Test
    void evalReachesNestedLayersAndTheyObeyIt() {
        Sequential net = net();
        BatchNorm2d bn = (BatchNorm2d) ((Sequential) net.children().get("block")).layers().get(0);
        Dropout drop = (Dropout) net.children().get("drop");
        Tensor x = Tensor.zeros(2, 2, 3, 3).uniform(new Rng(2), -1f, 3f);

        net.forward(x); // training: batch statistics, running estimates move, dropout zeroes about half
        assertThat(bn.numBatchesTracked()).isEqualTo(1);
        float[] mean = bn.runningMean().toArray();
        assertThat(mean).isNotEqualTo(new float[2]);

        net.eval();
        assertThat(bn.isTraining()).isFalse();
        assertThat(drop.isTraining()).isFalse();
        Tensor y = net.forward(x).copy();
        assertThat(bn.numBatchesTracked()).isEqualTo(1);
        assertThat(bn.runningMean().toArray()).containsExactly(mean);
        // eval: y = relu((x - running_mean) / sqrt(running_var + eps)), dropout the identity
        for (int i = 0; i < x.numel(); i++) {
            int c = (i / 9) % 2;
            double v = (x.getFlat(i) - mean[c]) / Math.sqrt(bn.runningVar().getFlat(c) + 1e-5);
            assertThat((double) y.getFlat(i)).isCloseTo(Math.max(0, v), org.assertj.core.data.Offset.offset(1e-5));
        }
        assertThat(net.forward(x).toArray()).containsExactly(y.toArray()); // deterministic in eval

        net.train();
        assertThat(bn.isTraining()).isTrue();
        assertThat(drop.isTraining()).isTrue();
        net.forward(x);
        assertThat(bn.numBatchesTracked()).isEqualTo(2);
    }
}

package org.hanzinet.nn.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hanzinet.core.Rng;
import org.hanzinet.core.io.DType;
import org.hanzinet.core.io.SafeTensors;
import org.hanzinet.core.io.SafeTensorsReader;
import org.hanzinet.nn.Sequential;
import org.hanzinet.nn.checkpoint.Checkpoint;
import org.hanzinet.nn.layers.BatchNorm2d;
import org.hanzinet.nn.layers.Conv2d;
import org.hanzinet.nn.layers.ReLU;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PyTorch-written state_dict of {@code Sequential(Conv2d(3, 4, 3, padding=1), BatchNorm2d(4), ReLU())},
 * trained three steps (running statistics, {@code num_batches_tracked} = 3 as int64), loads by name and
 * predicts PyTorch's outputs in eval and in train mode; written back, it is the same file byte for byte,
 * so PyTorch reads our int64 counter as it wrote it.
 */
class BatchNormCheckpointParityTest {
    @TempDir
    Path dir;

    private static Sequential model() {
        return new Sequential(new Conv2d(3, 4, 3, 1, 1, true, new Rng(5)), new BatchNorm2d(4), new ReLU());
    }

    @Test
    void pytorchStateDictWithBatchNormBuffersLoadsAndPredictsTheSame() throws IOException {
        ParityFixture io = ParityFixture.load("bn_state_dict_io");
        Path file = ParityFixture.path("bn_state_dict");
        try (SafeTensorsReader r = SafeTensors.open(file)) {
            assertThat(r.entry("1.num_batches_tracked").dtype()).isEqualTo(DType.I64);
        }
        Sequential net = model();
        Checkpoint.load(file, net, null);
        BatchNorm2d bn = (BatchNorm2d) net.layers().get(1);
        assertThat(bn.numBatchesTracked()).isEqualTo(3);

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        SafeTensors.write(Channels.newChannel(again), net.stateDict(), net.storedDTypes(), null);
        assertThat(again.toByteArray()).isEqualTo(Files.readAllBytes(file));

        net.eval();
        io.assertClose("output_eval", net.forward(io.tensor("input")), ParityFixture.TOLERANCE);
        net.train();
        io.assertClose("output_train", net.forward(io.tensor("input")), ParityFixture.TOLERANCE);
        io.assertClose("running_mean_after_train", bn.runningMean(), ParityFixture.TOLERANCE);
        io.assertClose("running_var_after_train", bn.runningVar(), ParityFixture.TOLERANCE);
        assertThat(bn.numBatchesTracked()).isEqualTo(4);
    }

    @Test
    void checkpointsStoreTheCounterAsInt64AndLoadItBack() throws IOException {
        Sequential net = model();
        Checkpoint.load(ParityFixture.path("bn_state_dict"), net, null);
        Path saved = dir.resolve("bn.safetensors");
        Checkpoint.save(saved, net, null, "{}", 1L);
        try (SafeTensorsReader r = SafeTensors.open(saved)) {
            assertThat(r.entry("1.num_batches_tracked").dtype()).isEqualTo(DType.I64);
            assertThat(r.entry("1.num_batches_tracked").shape()).isEmpty();
            assertThat(r.entry("1.running_var").dtype()).isEqualTo(DType.F32);
        }
        Sequential back = model();
        Checkpoint.load(saved, back, null);
        assertThat(((BatchNorm2d) back.layers().get(1)).numBatchesTracked()).isEqualTo(3);
        back.eval();
        net.eval();
        ParityFixture io = ParityFixture.load("bn_state_dict_io");
        float[] expected = net.forward(io.tensor("input")).toArray();
        assertThat(back.forward(io.tensor("input")).toArray()).containsExactly(expected);
    }
}

package org.hanzinet.nn.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.io.DType;
import org.hanzinet.core.io.SafeTensors;
import org.hanzinet.nn.Sequential;
import org.hanzinet.nn.layers.BatchNorm2d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Int64 buffers (BatchNorm's num_batches_tracked) are saved as I64, and only I64 is accepted for them. */
class CheckpointInt64BufferTest {
    @TempDir
    Path dir;

    @Test
    void theCounterRoundTripsAsInt64AndTheRestStaysF32() throws IOException {
        Sequential net = new Sequential().add("bn", new BatchNorm2d(2));
        for (int i = 0; i < 5; i++) {
            net.forward(Tensor.zeros(2, 2, 2, 2).uniform(new org.hanzinet.core.Rng(i), -1f, 1f));
        }
        Path f = dir.resolve("bn.safetensors");
        Checkpoint.save(f, net, null, "{}", 0L);
        try (var r = SafeTensors.open(f)) {
            assertThat(r.entry("bn.num_batches_tracked").dtype()).isEqualTo(DType.I64);
            assertThat(r.entry("bn.running_mean").dtype()).isEqualTo(DType.F32);
        }
        Sequential back = new Sequential().add("bn", new BatchNorm2d(2));
        Checkpoint.load(f, back, null);
        assertThat(((BatchNorm2d) back.layers().get(0)).numBatchesTracked()).isEqualTo(5);
        assertThat(back.stateDict().get("bn.running_var").toArray()).containsExactly(net.stateDict().get("bn.running_var").toArray());
    }

    @Test
    void aFloatCounterIsRefusedNamingTensorAndDTypes() throws IOException {
        Sequential net = new Sequential().add("bn", new BatchNorm2d(2));
        Path f = dir.resolve("f32.safetensors");
        Map<String, Tensor> all = new LinkedHashMap<>(net.stateDict());
        SafeTensors.write(f, all, null); // everything F32, the counter too
        assertThatThrownBy(() -> Checkpoint.load(f, new Sequential().add("bn", new BatchNorm2d(2)), null))
                .isInstanceOf(CheckpointMismatchException.class)
                .hasMessageContaining("bn.num_batches_tracked").hasMessageContaining("F32").hasMessageContaining("I64");
    }
}

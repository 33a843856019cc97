package org.hanzinet.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hanzinet.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tensors written as I64 (PyTorch's int64 counters such as BatchNorm's num_batches_tracked). */
class SafeTensorsInt64Test {
    @TempDir
    Path dir;

    @Test
    void int64TensorsComeFirstAsInTheReferenceWriterAndReadBackExactly() throws IOException {
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("w", Tensor.of(new float[] {1f, 2f}, 2));
        in.put("bn.num_batches_tracked", Tensor.of(new float[] {16_777_216f})); // 2^24, shape []
        Path f = dir.resolve("i64.safetensors");
        SafeTensors.write(f, in, Map.of("bn.num_batches_tracked", DType.I64), null);

        byte[] bytes = Files.readAllBytes(f);
        // the reference orders by dtype, widest first, then by name: the I64 scalar precedes "w"
        String json = "{\"bn.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}";
        int padded = (json.length() + 7) / 8 * 8;
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bb.getLong()).isEqualTo(padded);
        assertThat(new String(bytes, 8, padded, StandardCharsets.UTF_8)).isEqualTo(json + " ".repeat(padded - json.length()));
        bb.position(8 + padded);
        assertThat(bb.getLong()).isEqualTo(16_777_216L);
        assertThat(new float[] {bb.getFloat(), bb.getFloat()}).containsExactly(1f, 2f);
        assertThat(bytes).hasSize(8 + padded + 16);

        try (SafeTensorsReader r = SafeTensors.open(f)) {
            assertThat(r.entry("bn.num_batches_tracked").dtype()).isEqualTo(DType.I64);
            assertThat(r.read("bn.num_batches_tracked").shape()).isEmpty();
            assertThat(r.read("bn.num_batches_tracked").getFlat(0)).isEqualTo(16_777_216f);
        }
    }

    @Test
    void wholeNegativeAndLargeValuesRoundTrip() throws IOException {
        float[] v = {0f, -0f, -7f, 3f, 123_456_789f, -1e18f};
        Path f = dir.resolve("many.safetensors");
        SafeTensors.write(f, Map.of("n", Tensor.of(v.clone(), 2, 3)), Map.of("n", DType.I64), Map.of());
        assertThat(SafeTensors.read(f).get("n").toArray()).containsExactly(0f, 0f, -7f, 3f, 123_456_789f, -1e18f);
    }

    @Test
    void aFractionOrNaNIsRefusedNamingTensorElementAndValue() {
        Path f = dir.resolve("bad.safetensors");
        assertThatThrownBy(() -> SafeTensors.write(f, Map.of("count", Tensor.of(new float[] {1f, 2.5f}, 2)),
                Map.of("count", DType.I64), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'count'").hasMessageContaining("[2]").hasMessageContaining("element 1")
                .hasMessageContaining("2.5");
        assertThatThrownBy(() -> SafeTensors.write(f, Map.of("c", Tensor.of(new float[] {Float.NaN})),
                Map.of("c", DType.I64), null)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> SafeTensors.write(f, Map.of("c", Tensor.of(new float[] {1f})),
                Map.of("c", DType.F16), null)).hasMessageContaining("'c'").hasMessageContaining("F16");
    }
}

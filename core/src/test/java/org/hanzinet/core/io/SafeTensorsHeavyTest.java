package org.hanzinet.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hanzinet.core.Tensor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** Model 1's 4.2 GB weight through a file and back, streamed (needs -Xmx ~6g and 4.2 GB of disk). */
@EnabledIfSystemProperty(named = "hanzinet.heavy", matches = "true")
class SafeTensorsHeavyTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("heavy: model 1's 253 x 4,145,296 weight round-trips without a second copy")
    void modelOneWeightRoundTrips() throws IOException {
        Tensor w = Tensor.zeros(253, 4_145_296);
        float[] d = w.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = i * 0x1p-20f;
        }
        Path f = dir.resolve("fc1.safetensors");
        SafeTensors.write(f, Map.of("fc1.weight", w), Map.of("k", "v"));
        assertThat(Files.size(f)).isGreaterThan(4L * d.length);
        w.fill(0f); // read back into the same storage: no second 4.2 GB array
        try (SafeTensorsReader r = SafeTensors.open(f)) {
            assertThat(r.entry("fc1.weight").shape()).containsExactly(253, 4_145_296);
            r.readInto("fc1.weight", w);
        }
        for (int i = 0; i < d.length; i += 9973) {
            assertThat(d[i]).isEqualTo(i * 0x1p-20f);
        }
        assertThat(d[d.length - 1]).isEqualTo((d.length - 1) * 0x1p-20f);
    }
}

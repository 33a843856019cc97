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
import java.util.List;
import java.util.Map;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest extends HanzinetTestBase {
    @TempDir
    Path dir;

    @Test
    void roundTripKeepsValuesShapesAndMetadata() throws IOException {
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("z.weight", randomTensor(3, 4, 5, 5));
        in.put("a.bias", randomTensor(7));
        in.put("scalar", Tensor.of(new float[] {Float.MIN_VALUE}));
        in.put("empty", Tensor.zeros(0, 3));
        in.put("special", Tensor.of(new float[] {Float.NaN, Float.POSITIVE_INFINITY, -0f, Float.MAX_VALUE}, 2, 2));
        Path f = dir.resolve("m.safetensors");
        SafeTensors.write(f, in, Map.of("config", "{\"lr\": 0.005}", "ünïcode \"q\"\n", "汉字"));

        Map<String, Tensor> out = SafeTensors.read(f);
        assertThat(out.keySet()).containsExactly("a.bias", "empty", "scalar", "special", "z.weight");
        for (String k : in.keySet()) {
            assertThat(out.get(k).shape()).as(k).isEqualTo(in.get(k).shape());
            assertThat(bits(out.get(k))).as(k).isEqualTo(bits(in.get(k)));
        }
        assertThat(SafeTensors.readMetadata(f)).containsExactlyInAnyOrderEntriesOf(
                Map.of("config", "{\"lr\": 0.005}", "ünïcode \"q\"\n", "汉字"));
    }

    @Test
    void layoutMatchesTheReferenceWriter() throws IOException {
        Path f = dir.resolve("ref.safetensors");
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("b", Tensor.of(new float[] {1f, 2f}, 2));
        in.put("a", Tensor.of(new float[] {-1.5f}, 1, 1));
        SafeTensors.write(f, in, null);
        byte[] bytes = Files.readAllBytes(f);
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        int padded = (json.length() + 7) / 8 * 8;
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bb.getLong()).isEqualTo(padded);
        String header = new String(bytes, 8, padded, StandardCharsets.UTF_8);
        assertThat(header).isEqualTo(json + " ".repeat(padded - json.length()));
        bb.position(8 + padded);
        assertThat(new float[] {bb.getFloat(), bb.getFloat(), bb.getFloat()}).containsExactly(-1.5f, 1f, 2f);
        assertThat(bytes).hasSize(8 + padded + 12);
    }

    @Test
    void streamsTensorsLargerThanOneChunkAndViews() throws IOException {
        Tensor big = randomTensor(3, SafeTensors.CHUNK_BYTES / 4 / 3 * 2 + 7); // spans three chunks
        Tensor view = big.slice(1, 3);
        Path f = dir.resolve("big.safetensors");
        SafeTensors.write(f, Map.of("big", big, "view", view), Map.of());
        try (SafeTensorsReader r = SafeTensors.open(f)) {
            assertThat(bits(r.read("big"))).isEqualTo(bits(big));
            Tensor dst = Tensor.full(9f, 2 * view.size(1) + 2).slice(1, 2 * view.size(1) + 1);
            r.readInto("view", dst);
            assertThat(bits(dst)).isEqualTo(bits(view));
            assertThat(dst.data()[0]).isEqualTo(9f);
            assertThat(dst.data()[dst.data().length - 1]).isEqualTo(9f);
        }
    }

    @Test
    void convertsWiderAndNarrowerFloatTypesAndIntegers() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(16 + 4 + 4 + 16 + 8).order(ByteOrder.LITTLE_ENDIAN);
        data.putDouble(0.1).putDouble(-3e38);
        data.putShort((short) 0x3C00).putShort((short) 0x0001); // f16: 1.0, smallest subnormal 2^-24
        data.putShort((short) 0xC040).putShort((short) 0x7F80); // bf16: -3.0, +inf
        data.putLong(-7L).putLong(1L << 40);
        data.putInt(42).putInt(-1);
        Path f = raw("conv.safetensors", "{\"d\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[16,20]},"
                + "\"bf\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[20,24]},"
                + "\"l\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[24,40]},"
                + "\"i\":{\"dtype\":\"I32\",\"shape\":[1,2],\"data_offsets\":[40,48]}}", data.array());
        Map<String, Tensor> t = SafeTensors.read(f);
        assertThat(t.get("d").toArray()).containsExactly(0.1f, -3e38f);
        assertThat(t.get("h").toArray()).containsExactly(1f, 0x1p-24f);
        assertThat(t.get("bf").toArray()).containsExactly(-3f, Float.POSITIVE_INFINITY);
        assertThat(t.get("l").toArray()).containsExactly(-7f, 0x1p40f);
        assertThat(t.get("i").toArray()).containsExactly(42f, -1f);
    }

    @Test
    void halfPrecisionDecodesEveryClass() {
        assertThat(DTypeConversion.halfToFloat((short) 0x7BFF)).isEqualTo(65504f);
        assertThat(DTypeConversion.halfToFloat((short) 0x8000)).isEqualTo(-0f);
        assertThat(DTypeConversion.halfToFloat((short) 0x83FF)).isEqualTo(-1023 * 0x1p-24f);
        assertThat(DTypeConversion.halfToFloat((short) 0x0400)).isEqualTo(0x1p-14f);
        assertThat(DTypeConversion.halfToFloat((short) 0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(DTypeConversion.halfToFloat((short) 0x7E00)).isNaN();
        assertThat(DTypeConversion.halfToFloat((short) 0x3555)).isEqualTo(0.333251953125f);
    }

    @Test
    void unconvertibleDtypeFailsNamingTensorAndType() throws IOException {
        Path f = raw("u8.safetensors", "{\"mask\":{\"dtype\":\"U8\",\"shape\":[3],\"data_offsets\":[0,3]}}", new byte[3]);
        try (SafeTensorsReader r = SafeTensors.open(f)) {
            assertThat(r.entry("mask").dtype()).isEqualTo(DType.U8);
            assertThatThrownBy(() -> r.read("mask")).isInstanceOf(SafeTensorsException.class)
                    .hasMessageContaining("u8.safetensors").hasMessageContaining("'mask'").hasMessageContaining("U8");
        }
    }

    @Test
    void truncatedFilesFailNamingTheFile() throws IOException {
        Path f = dir.resolve("t.safetensors");
        SafeTensors.write(f, Map.of("w", randomTensor(4, 4)), Map.of("k", "v"));
        byte[] full = Files.readAllBytes(f);
        for (int cut : new int[] {0, 5, 8, 20, full.length - 1}) {
            Path g = dir.resolve("cut" + cut + ".safetensors");
            Files.write(g, java.util.Arrays.copyOf(full, cut));
            assertThatThrownBy(() -> SafeTensors.read(g)).as("cut at %d", cut).isInstanceOf(SafeTensorsException.class)
                    .hasMessageContaining("cut" + cut + ".safetensors");
        }
        Path extra = dir.resolve("extra.safetensors");
        Files.write(extra, java.util.Arrays.copyOf(full, full.length + 4));
        assertThatThrownBy(() -> SafeTensors.read(extra)).hasMessageContaining("trailing bytes");
    }

    @Test
    void headerLengthBeyondTheFileOrLimitFails() throws IOException {
        for (long n : new long[] {-1L, 0L, 1L << 40, SafeTensors.MAX_HEADER_BYTES + 1, 1000}) {
            ByteBuffer bb = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).putLong(n);
            Path f = dir.resolve("len.safetensors");
            Files.write(f, bb.array());
            assertThatThrownBy(() -> SafeTensors.open(f)).as("length %d", n)
                    .isInstanceOf(SafeTensorsException.class).hasMessageContaining("header length " + n);
        }
    }

    @Test
    void corruptHeadersFailNamingTheProblemAndTensor() throws IOException {
        List<String[]> cases = List.of(
                new String[] {"[1,2]", "does not start with '{'"},
                new String[] {"{\"a\":", "not valid JSON"},
                new String[] {"{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{}}", "not valid JSON"},
                new String[] {"{\"w\":{\"dtype\":\"Q8\",\"shape\":[1],\"data_offsets\":[0,4]}}", "'w': unknown dtype Q8"},
                new String[] {"{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", "'w': shape [2] of F32"},
                new String[] {"{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", "'w': \"shape\" holds -1"},
                new String[] {"{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", "'w': data_offsets [4, 0]"},
                new String[] {"{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", "'w': \"data_offsets\" has 1"},
                new String[] {"{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", "'w': missing or non-array \"data_offsets\""},
                new String[] {"{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", "'w' starts at data offset 4"},
                new String[] {"{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                        + "\"v\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "starts at data offset 0 but the previous"},
                new String[] {"{\"__metadata__\":{\"seed\":5},\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
                        "value of 'seed' is not a string"},
                new String[] {"{\"w\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,4]}}",
                        "'w': shape"});
        for (String[] c : cases) {
            Path f = raw("bad.safetensors", c[0], new byte[4]);
            assertThatThrownBy(() -> SafeTensors.read(f)).as(c[0]).isInstanceOf(SafeTensorsException.class)
                    .hasMessageContaining("bad.safetensors").hasMessageContaining(c[1]);
        }
    }

    @Test
    void readIntoRejectsWrongSizeAndUnknownNames() throws IOException {
        Path f = dir.resolve("s.safetensors");
        SafeTensors.write(f, Map.of("w", randomTensor(2, 3)), null);
        try (SafeTensorsReader r = SafeTensors.open(f)) {
            assertThat(r.metadata()).isEmpty();
            assertThatThrownBy(() -> r.readInto("w", Tensor.zeros(7))).hasMessageContaining("'w' of shape [2, 3]")
                    .hasMessageContaining("[7]");
            assertThatThrownBy(() -> r.read("nope")).hasMessageContaining("no tensor named 'nope'");
            assertThat(r.readInto("w", Tensor.zeros(6)).shape()).containsExactly(6);
        }
        assertThatThrownBy(() -> SafeTensors.write(f, Map.of("__metadata__", Tensor.zeros(1)), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Path raw(String name, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bb = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.putLong(h.length).put(h).put(data);
        Path f = dir.resolve(name);
        Files.write(f, bb.array());
        return f;
    }

    private static int[] bits(Tensor t) {
        int[] b = new int[t.numel()];
        for (int i = 0; i < b.length; i++) {
            b[i] = Float.floatToRawIntBits(t.getFlat(i));
        }
        return b;
    }

    @Test
    void aFolderInPlaceOfTheFileIsRefusedNamingThePath() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("checkpoint.safetensors"));
        assertThatThrownBy(() -> SafeTensors.readMetadata(folder)).isInstanceOf(SafeTensorsException.class)
                .hasMessage(folder + ": is a folder, not a safetensors file");
    }
}

package org.hanzinet.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hanzinet.core.Tensor;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format, the
 * weight format PyTorch users can open too: an 8-byte little-endian header length {@code n}, {@code n}
 * bytes of JSON ({@code {"__metadata__": {..}, "<name>": {"dtype", "shape", "data_offsets"}}}) padded with
 * spaces to a multiple of 8, then the raw little-endian tensor data, back to back.
 *
 * <p>Writing follows the reference implementation: compact JSON, {@code __metadata__} first (its keys
 * sorted; the reference writes them in hash-map order), tensors sorted by dtype (widest first) then
 * name, data in the same order, header padded with spaces to a multiple of 8. Tensors are float32 and
 * stored as F32, or as I64 where the caller says so (PyTorch's int64 counters, whole numbers). Checked against safetensors 0.8.0: same header length, JSON, order and data for every parity
 * fixture. Data moves through a small direct buffer, so a multi-gigabyte tensor (model 1's
 * 4.2 GB weight) is never copied into a second array. Reading validates everything first: see
 * {@link SafeTensorsReader}.
 */
public final class SafeTensors {
    /** Bytes moved per channel call when streaming tensor data. */
    static final int CHUNK_BYTES = 1 << 20;
    /** The reference implementation refuses headers above 100 MB; so do we. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    /** The metadata key of the header. */
    public static final String METADATA_KEY = "__metadata__";

    private SafeTensors() {}

    /**
     * Writes {@code tensors} (float32) and optional {@code metadata} to {@code file}, atomically
     * ({@link AtomicFiles}: a failed write leaves the previous file).
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        write(file, tensors, Map.of(), metadata);
    }

    /**
     * Writes {@code tensors} and optional {@code metadata} to {@code file}, atomically ({@link AtomicFiles});
     * each tensor is stored as F32 unless {@code dtypes} names it {@link DType#I64} (PyTorch's int64, as in
     * BatchNorm's {@code num_batches_tracked}), whose values must then be whole numbers.
     *
     * @throws IllegalArgumentException naming the tensor, the index and the value, when an I64 tensor
     *     holds a value that is not a whole number, or a dtype other than F32 or I64 is asked for
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, DType> dtypes,
            Map<String, String> metadata) throws IOException {
        AtomicFiles.write(file, ch -> write(ch, tensors, dtypes, metadata));
    }

    /** Writes the whole file (all F32) to {@code out}, which is neither forced nor closed. */
    public static void write(WritableByteChannel out, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        write(out, tensors, Map.of(), metadata);
    }

    /**
     * Writes the whole file to {@code out}, which is neither forced nor closed; {@code dtypes} as in
     * {@link #write(Path, Map, Map, Map)}. Tensors are ordered as the reference writer orders them: by
     * dtype, widest first (I64 before F32), then by name.
     */
    public static void write(WritableByteChannel out, Map<String, Tensor> tensors, Map<String, DType> dtypes,
            Map<String, String> metadata) throws IOException {
        if (tensors.containsKey(METADATA_KEY)) {
            throw new IllegalArgumentException("a tensor may not be named " + METADATA_KEY);
        }
        List<Stored> order = order(tensors, dtypes);
        byte[] header = header(order, metadata);
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).flip();
        writeFully(out, len);
        writeFully(out, ByteBuffer.wrap(header));
        ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (Stored t : order) {
            if (t.dtype() == DType.I64) {
                writeLongs(out, t, chunk);
            } else {
                writeFloats(out, t.tensor(), chunk);
            }
        }
    }

    /** A tensor with the name and dtype it is stored under. */
    record Stored(String name, Tensor tensor, DType dtype) {}

    /** The reference writer's order: dtype descending (DType follows its enum order), then name. */
    static List<Stored> order(Map<String, Tensor> tensors, Map<String, DType> dtypes) {
        for (Map.Entry<String, DType> d : dtypes.entrySet()) {
            if (d.getValue() != DType.F32 && d.getValue() != DType.I64) {
                throw new IllegalArgumentException("tensor '" + d.getKey() + "': hanzinet writes F32 or I64, not "
                        + d.getValue());
            }
        }
        List<Stored> out = new ArrayList<>();
        new TreeMap<>(tensors).forEach((n, t) -> out.add(new Stored(n, t, dtypes.getOrDefault(n, DType.F32))));
        out.sort(Comparator.comparing(Stored::dtype).reversed().thenComparing(Stored::name));
        return out;
    }

    /** Reads every tensor as float32, in file order. For large files prefer {@link #open} and readInto. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        try (SafeTensorsReader r = open(file)) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (TensorEntry e : r.entries()) {
                out.put(e.name(), r.read(e.name()));
            }
            return out;
        }
    }

    /** The {@code __metadata__} map of {@code file} (empty when absent); reads only the header. */
    public static Map<String, String> readMetadata(Path file) throws IOException {
        try (SafeTensorsReader r = open(file)) {
            return r.metadata();
        }
    }

    /** Opens and validates {@code file}; the reader then reads tensors one at a time. */
    public static SafeTensorsReader open(Path file) throws IOException {
        return SafeTensorsReader.open(file);
    }

    /** The padded header bytes; offsets follow the order of {@code order}. */
    static byte[] header(List<Stored> order, Map<String, String> metadata) {
        StringBuilder sb = new StringBuilder("{");
        List<String> parts = new ArrayList<>();
        if (metadata != null) {
            StringBuilder m = new StringBuilder();
            quote(m, METADATA_KEY).append(":{");
            boolean first = true;
            for (Map.Entry<String, String> kv : new TreeMap<>(metadata).entrySet()) {
                if (!first) {
                    m.append(',');
                }
                first = false;
                quote(m, kv.getKey()).append(':');
                quote(m, kv.getValue());
            }
            parts.add(m.append('}').toString());
        }
        long offset = 0;
        for (Stored e : order) {
            long bytes = (long) e.dtype().bytes() * e.tensor().numel();
            StringBuilder t = new StringBuilder();
            quote(t, e.name()).append(":{\"dtype\":\"").append(e.dtype().name()).append("\",\"shape\":[");
            int[] shape = e.tensor().shape();
            for (int i = 0; i < shape.length; i++) {
                t.append(i == 0 ? "" : ",").append(shape[i]);
            }
            t.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            parts.add(t.toString());
            offset += bytes;
        }
        sb.append(String.join(",", parts)).append('}');
        byte[] json = sb.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        System.arraycopy(json, 0, out, 0, json.length);
        for (int i = json.length; i < padded; i++) {
            out[i] = ' ';
        }
        return out;
    }

    /** JSON string literal as serde_json writes it. */
    static StringBuilder quote(StringBuilder sb, String s) {
        return JsonStrings.quote(sb, s, false);
    }

    private static void writeFloats(WritableByteChannel out, Tensor t, ByteBuffer chunk) throws IOException {
        float[] data = t.data();
        int pos = t.offset();
        int left = t.numel();
        int perChunk = chunk.capacity() / 4;
        while (left > 0) {
            int n = Math.min(left, perChunk);
            chunk.clear();
            chunk.asFloatBuffer().put(data, pos, n);
            chunk.limit(4 * n);
            writeFully(out, chunk);
            pos += n;
            left -= n;
        }
    }

    /** Whole-number floats as little-endian int64; anything else is refused, naming the element. */
    private static void writeLongs(WritableByteChannel out, Stored s, ByteBuffer chunk) throws IOException {
        Tensor t = s.tensor();
        float[] data = t.data();
        int pos = t.offset();
        int left = t.numel();
        int perChunk = chunk.capacity() / 8;
        while (left > 0) {
            int n = Math.min(left, perChunk);
            chunk.clear();
            for (int i = 0; i < n; i++) {
                float v = data[pos + i];
                if (v != Math.rint(v) || Float.isInfinite(v)) {
                    throw new IllegalArgumentException("tensor '" + s.name() + "' of shape "
                            + java.util.Arrays.toString(t.shape()) + " is written as I64, but element "
                            + (pos + i - t.offset()) + " is " + v + ", not a whole number");
                }
                chunk.putLong((long) v);
            }
            chunk.flip();
            writeFully(out, chunk);
            pos += n;
            left -= n;
        }
    }

    private static void writeFully(WritableByteChannel out, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            out.write(buf);
        }
    }
}

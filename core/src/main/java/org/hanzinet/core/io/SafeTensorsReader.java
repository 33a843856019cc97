package org.hanzinet.core.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hanzinet.core.Tensor;

/**
 * An open safetensors file whose header has been validated: the header length fits the file, the JSON
 * is an object of known dtypes, shapes and offsets, the offsets tile the data section from 0 to its end
 * without gap or overlap, and each byte range matches its shape. Every error names the file and the
 * tensor. Tensors are then read one at a time, streamed through a small buffer, optionally straight
 * into an existing tensor ({@link #readInto}) so that loading a 4.2 GB weight needs no second copy.
 */
public final class SafeTensorsReader implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, String> metadata;
    private final Map<String, TensorEntry> entries;

    private SafeTensorsReader(Path file, FileChannel channel, long dataStart, Map<String, String> metadata,
            Map<String, TensorEntry> entries) {
        this.file = file;
        this.channel = channel;
        this.dataStart = dataStart;
        this.metadata = metadata;
        this.entries = entries;
    }

    static SafeTensorsReader open(Path file) throws IOException {
        if (java.nio.file.Files.isDirectory(file)) {
            // FileChannel opens a folder on Linux and then fails with a bare "Is a directory" on read.
            throw error(file, "is a folder, not a safetensors file");
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = ch.size();
            if (size < 8) {
                throw error(file, "file of " + size + " bytes is too short for the 8-byte header length");
            }
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0, file);
            long n = len.flip().getLong();
            if (n < 2 || n > SafeTensors.MAX_HEADER_BYTES || n > size - 8) {
                throw error(file, "header length " + n + " is impossible for a file of " + size
                        + " bytes (at most " + SafeTensors.MAX_HEADER_BYTES + ")");
            }
            ByteBuffer header = ByteBuffer.allocate((int) n);
            readFully(ch, header, 8, file);
            ObjectNode root = parseHeader(file, header.flip());
            Map<String, String> meta = metadata(file, root);
            Map<String, TensorEntry> entries = entries(file, root, size - 8 - n);
            return new SafeTensorsReader(file, ch, 8 + n, meta, entries);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The file this reader reads. */
    public Path file() {
        return file;
    }

    /** The {@code __metadata__} map, empty when the file has none. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Header entries in data order. */
    public List<TensorEntry> entries() {
        return new ArrayList<>(entries.values());
    }

    /** The entry named {@code name}, or null. */
    public TensorEntry entry(String name) {
        return entries.get(name);
    }

    /** Reads tensor {@code name} into a new float32 tensor, converting convertible dtypes. */
    public Tensor read(String name) throws IOException {
        TensorEntry e = require(name);
        Tensor t = Tensor.zeros(e.intShape());
        readInto(name, t);
        return t;
    }

    /**
     * Reads tensor {@code name} into {@code dst}, whose element count must match (the shape is the
     * caller's to check, so a [N] file tensor may fill a [N, 1] view).
     */
    public Tensor readInto(String name, Tensor dst) throws IOException {
        TensorEntry e = require(name);
        if (!e.dtype().convertible()) {
            throw error(file, "tensor '" + name + "' has dtype " + e.dtype() + ", which hanzinet cannot read as float32");
        }
        if (e.numel() != dst.numel()) {
            throw new IllegalArgumentException(file + ": tensor '" + name + "' of shape " + Arrays.toString(e.shape())
                    + " does not fit a destination of shape " + Arrays.toString(dst.shape()));
        }
        ByteBuffer chunk = ByteBuffer.allocateDirect(SafeTensors.CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int elemBytes = e.dtype().bytes();
        int perChunk = SafeTensors.CHUNK_BYTES / elemBytes;
        long pos = dataStart + e.begin();
        int done = 0;
        int total = dst.numel();
        while (done < total) {
            int n = Math.min(total - done, perChunk);
            chunk.clear().limit(n * elemBytes);
            readFully(channel, chunk, pos, file);
            chunk.flip();
            DTypeConversion.decode(e.dtype(), chunk, dst.data(), dst.offset() + done, n);
            pos += (long) n * elemBytes;
            done += n;
        }
        return dst;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private TensorEntry require(String name) throws SafeTensorsException {
        TensorEntry e = entries.get(name);
        if (e == null) {
            throw error(file, "no tensor named '" + name + "' (has " + entries.keySet() + ")");
        }
        return e;
    }

    private static ObjectNode parseHeader(Path file, ByteBuffer header) throws SafeTensorsException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(header).toString();
        } catch (CharacterCodingException e) {
            throw error(file, "header is not valid UTF-8");
        }
        if (!text.startsWith("{")) {
            throw error(file, "header does not start with '{'");
        }
        try {
            JsonNode root = JSON.readTree(text);
            if (!(root instanceof ObjectNode obj)) {
                throw error(file, "header is not a JSON object");
            }
            return obj;
        } catch (JsonProcessingException e) {
            throw error(file, "header is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static Map<String, String> metadata(Path file, ObjectNode root) throws SafeTensorsException {
        JsonNode m = root.get(SafeTensors.METADATA_KEY);
        if (m == null) {
            return Map.of();
        }
        if (!m.isObject()) {
            throw error(file, SafeTensors.METADATA_KEY + " is not a JSON object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> kv : m.properties()) {
            if (!kv.getValue().isTextual()) {
                throw error(file, SafeTensors.METADATA_KEY + " value of '" + kv.getKey() + "' is not a string");
            }
            out.put(kv.getKey(), kv.getValue().textValue());
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, TensorEntry> entries(Path file, ObjectNode root, long dataBytes)
            throws SafeTensorsException {
        List<TensorEntry> list = new ArrayList<>();
        for (Map.Entry<String, JsonNode> kv : root.properties()) {
            if (!kv.getKey().equals(SafeTensors.METADATA_KEY)) {
                list.add(HeaderEntries.parse(file, kv.getKey(), kv.getValue()));
            }
        }
        list.sort(Comparator.comparingLong(TensorEntry::begin).thenComparingLong(TensorEntry::end));
        long expected = 0;
        Map<String, TensorEntry> out = new LinkedHashMap<>();
        for (TensorEntry e : list) {
            if (e.begin() != expected) {
                throw error(file, "tensor '" + e.name() + "' starts at data offset " + e.begin() + " but "
                        + (e.begin() < expected ? "the previous tensor ends at " : "the data so far ends at ")
                        + expected + " (offsets must be contiguous, without overlap or gap)");
            }
            expected = e.end();
            out.put(e.name(), e);
        }
        if (expected != dataBytes) {
            throw error(file, "tensors cover " + expected + " data bytes but the file holds " + dataBytes
                    + (expected > dataBytes ? " (truncated?)" : " (trailing bytes)"));
        }
        return Collections.unmodifiableMap(out);
    }

    static SafeTensorsException error(Path file, String message) {
        return new SafeTensorsException(file + ": " + message);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position, Path file) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw error(file, "unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }
}

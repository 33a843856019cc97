package org.hanzinet.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;

/** Parses and checks one tensor entry of a safetensors header; every error names the file and tensor. */
final class HeaderEntries {
    private HeaderEntries() {}

    static TensorEntry parse(Path file, String name, JsonNode node) throws SafeTensorsException {
        String where = "tensor '" + name + "': ";
        if (!node.isObject()) {
            throw SafeTensorsReader.error(file, where + "entry is not a JSON object");
        }
        JsonNode dt = node.get("dtype");
        if (dt == null || !dt.isTextual()) {
            throw SafeTensorsReader.error(file, where + "missing or non-string \"dtype\"");
        }
        DType dtype = DType.parse(dt.textValue());
        if (dtype == null) {
            throw SafeTensorsReader.error(file, where + "unknown dtype " + dt.textValue());
        }
        long[] shape = longs(file, where, node.get("shape"), "shape", -1);
        long[] offsets = longs(file, where, node.get("data_offsets"), "data_offsets", 2);
        if (offsets[1] < offsets[0]) {
            throw SafeTensorsReader.error(file, where + "data_offsets " + Arrays.toString(offsets) + " end before they begin");
        }
        long numel = 1;
        for (long d : shape) {
            numel = Math.multiplyHigh(numel, d) != 0 || numel * d < 0 ? -1 : numel * d;
            if (numel < 0) {
                throw SafeTensorsReader.error(file, where + "shape " + Arrays.toString(shape) + " overflows");
            }
        }
        long bytes = offsets[1] - offsets[0];
        if (numel > Long.MAX_VALUE / dtype.bytes() || numel * dtype.bytes() != bytes) {
            throw SafeTensorsReader.error(file, where + "shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + numel + " x " + dtype.bytes() + " bytes but data_offsets " + Arrays.toString(offsets)
                    + " span " + bytes);
        }
        return new TensorEntry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] longs(Path file, String where, JsonNode arr, String field, int requiredLength)
            throws SafeTensorsException {
        if (arr == null || !arr.isArray()) {
            throw SafeTensorsReader.error(file, where + "missing or non-array \"" + field + "\"");
        }
        if (requiredLength >= 0 && arr.size() != requiredLength) {
            throw SafeTensorsReader.error(file, where + "\"" + field + "\" has " + arr.size() + " values, expected "
                    + requiredLength);
        }
        long[] out = new long[arr.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = arr.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw SafeTensorsReader.error(file, where + "\"" + field + "\" holds " + v + ", not a non-negative integer");
            }
            out[i] = v.longValue();
        }
        return out;
    }
}

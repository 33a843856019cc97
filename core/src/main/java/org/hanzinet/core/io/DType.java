package org.hanzinet.core.io;

/**
 * Element types of the safetensors format, by their header spelling. hanzinet tensors are float32, so
 * only {@link #F32} is written; the others can be read when {@link #convertible()} (converted to float).
 */
public enum DType {
    BOOL(1, false), U8(1, false), I8(1, false), I16(2, false), U16(2, false), F16(2, true), BF16(2, true),
    I32(4, true), U32(4, false), F32(4, true), F64(8, true), I64(8, true), U64(8, false);

    private final int bytes;
    private final boolean convertible;

    DType(int bytes, boolean convertible) {
        this.bytes = bytes;
        this.convertible = convertible;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Whether {@link SafeTensorsReader} can convert this type to float32 on read. */
    public boolean convertible() {
        return convertible;
    }

    /** The type named {@code name} in a header, or null when the name is unknown. */
    static DType parse(String name) {
        for (DType d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }
}

package org.hanzinet.core.io;

import java.nio.ByteBuffer;

/** Decodes little-endian elements of a convertible {@link DType} into float32. */
final class DTypeConversion {
    private DTypeConversion() {}

    /** Reads {@code n} elements of {@code type} from {@code src} (little-endian) into {@code dst[off..]}. */
    static void decode(DType type, ByteBuffer src, float[] dst, int off, int n) {
        switch (type) {
            case F32 -> src.asFloatBuffer().get(dst, off, n);
            case F64 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = (float) src.getDouble();
                }
            }
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = halfToFloat(src.getShort());
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = Float.intBitsToFloat((src.getShort() & 0xFFFF) << 16);
                }
            }
            case I32 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = src.getInt();
                }
            }
            case I64 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = src.getLong();
                }
            }
            default -> throw new IllegalArgumentException("cannot convert " + type + " to float32");
        }
    }

    /** IEEE 754 binary16 to float32, exactly (every half value is a float value); Java 17 has no built-in. */
    static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f; // subnormal (or zero): mant * 2^-24, exact
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}

package org.hanzinet.core.io;

import java.util.Arrays;

/**
 * One tensor's header entry in a safetensors file: its element type, shape, and byte range
 * {@code [begin, end)} relative to the start of the data section (after the header).
 */
public record TensorEntry(String name, DType dtype, long[] shape, long begin, long end) {
    public TensorEntry {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Element count (the product of the shape; 1 for a scalar). */
    public long numel() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** The shape as ints, as hanzinet tensors hold it; throws naming the tensor when a dimension is too large. */
    public int[] intShape() {
        int[] s = new int[shape.length];
        for (int i = 0; i < s.length; i++) {
            if (shape[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tensor '" + name + "': dimension " + shape[i] + " of shape "
                        + Arrays.toString(shape) + " exceeds what a hanzinet tensor can hold");
            }
            s[i] = (int) shape[i];
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorEntry e && name.equals(e.name) && dtype == e.dtype && Arrays.equals(shape, e.shape)
                && begin == e.begin && end == e.end;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + " " + Arrays.toString(shape) + " [" + begin + ", " + end + ")";
    }
}

package org.hanzinet.core;

import java.util.Arrays;
import org.hanzinet.core.simd.VectorKernels;
import org.hanzinet.core.simd.VectorizationProvider;

/**
 * A dense float32 tensor: a window of a {@code float[]} with a shape and row-major strides (NCHW for
 * images). Every tensor is contiguous; {@link #reshape}, {@link #flatten} and {@link #slice} return
 * views that share the storage, so writes through a view are seen by the original.
 *
 * <p>One tensor holds at most {@link Shapes#MAX_ELEMENTS} elements (one Java array). Shape mismatches
 * throw {@link IllegalArgumentException} naming the operation and both shapes.
 */
public final class Tensor {
    private static final VectorKernels K = VectorizationProvider.get().kernels();

    private final float[] data;
    private final int offset;
    private final int[] shape;
    private final int[] strides;
    private final int numel;

    private Tensor(float[] data, int offset, int[] shape) {
        this.numel = Shapes.numel(shape);
        if (offset < 0 || (long) offset + numel > data.length) {
            throw new IllegalArgumentException("tensor of shape " + Shapes.toString(shape) + " at offset " + offset
                    + " does not fit a buffer of " + data.length + " floats");
        }
        this.data = data;
        this.offset = offset;
        this.shape = shape.clone();
        this.strides = Shapes.rowMajorStrides(shape);
    }

    /** A new zero-filled tensor. */
    public static Tensor zeros(int... shape) {
        return new Tensor(new float[Shapes.numel(shape)], 0, shape);
    }

    /** A new tensor filled with {@code value}. */
    public static Tensor full(float value, int... shape) {
        Tensor t = zeros(shape);
        t.fill(value);
        return t;
    }

    /** Wraps {@code data} without copying; its length must equal the shape's element count. */
    public static Tensor of(float[] data, int... shape) {
        if (data.length != Shapes.numel(shape)) {
            throw new IllegalArgumentException("Tensor.of: " + data.length + " values do not fit shape "
                    + Shapes.toString(shape));
        }
        return new Tensor(data, 0, shape);
    }

    /** Wraps part of {@code data} starting at {@code offset} without copying. */
    public static Tensor wrap(float[] data, int offset, int... shape) {
        return new Tensor(data, offset, shape);
    }

    /** A new zero-filled tensor of the same shape. */
    public Tensor zerosLike() {
        return zeros(shape);
    }

    public int[] shape() {
        return shape.clone();
    }

    public int dim() {
        return shape.length;
    }

    /** Size of dimension {@code d}; negative {@code d} counts from the end. */
    public int size(int d) {
        return shape[d < 0 ? shape.length + d : d];
    }

    public int[] strides() {
        return strides.clone();
    }

    public int numel() {
        return numel;
    }

    /** The backing array; element {@code i} (row-major) is at {@code data()[offset() + i]}. */
    public float[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    /** Throws naming {@code op} unless this tensor has {@code expected} shape. */
    public Tensor requireShape(String op, int... expected) {
        Shapes.requireSame(op, expected, shape);
        return this;
    }

    // ---- views ----

    /** A view with a new shape; one dimension may be {@code -1}. Shares storage, copies nothing. */
    public Tensor reshape(int... newShape) {
        return new Tensor(data, offset, Shapes.inferReshape(numel, shape, newShape));
    }

    /** Flattens dimensions {@code startDim..end} into one: {@code [N, C, H, W].flatten(1) -> [N, C*H*W]}. */
    public Tensor flatten(int startDim) {
        if (startDim < 0 || startDim >= shape.length) {
            throw new IllegalArgumentException("flatten: start dimension " + startDim + " out of range for shape "
                    + Shapes.toString(shape));
        }
        int[] s = Arrays.copyOf(shape, startDim + 1);
        s[startDim] = Shapes.numel(Arrays.copyOfRange(shape, startDim, shape.length));
        return new Tensor(data, offset, s);
    }

    /** The {@code index}-th sub-tensor along dimension 0, as a view: {@code [N, ...] -> [...]}. */
    public Tensor slice(int index) {
        return slice(index, index + 1).reshape(Arrays.copyOfRange(shape, 1, shape.length));
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) along dimension 0, as a view. */
    public Tensor slice(int from, int to) {
        if (shape.length == 0 || from < 0 || to > shape[0] || from > to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") out of range for shape "
                    + Shapes.toString(shape));
        }
        int[] s = shape.clone();
        s[0] = to - from;
        return new Tensor(data, offset + from * strides[0], s);
    }

    /** A deep copy with its own storage. */
    public Tensor copy() {
        Tensor t = zeros(shape);
        System.arraycopy(data, offset, t.data, 0, numel);
        return t;
    }

    // ---- element access ----

    private int index(int... idx) {
        if (idx.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(idx) + " does not match shape "
                    + Shapes.toString(shape));
        }
        int i = offset;
        for (int d = 0; d < idx.length; d++) {
            if (idx[d] < 0 || idx[d] >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(idx) + " out of bounds for shape "
                        + Shapes.toString(shape));
            }
            i += idx[d] * strides[d];
        }
        return i;
    }

    public float get(int... idx) {
        return data[index(idx)];
    }

    public Tensor set(float value, int... idx) {
        data[index(idx)] = value;
        return this;
    }

    /** Element {@code i} in row-major order. */
    public float getFlat(int i) {
        return data[offset + i];
    }

    public Tensor setFlat(int i, float value) {
        data[offset + i] = value;
        return this;
    }

    /** The elements as a new array, in row-major order. */
    public float[] toArray() {
        return Arrays.copyOfRange(data, offset, offset + numel);
    }

    // ---- in-place arithmetic (each returns this) ----

    public Tensor fill(float value) {
        Arrays.fill(data, offset, offset + numel, value);
        return this;
    }

    public Tensor copyFrom(Tensor src) {
        Shapes.requireSame("copyFrom", shape, src.shape);
        System.arraycopy(src.data, src.offset, data, offset, numel);
        return this;
    }

    /** this += other */
    public Tensor add(Tensor other) {
        Shapes.requireSame("add", shape, other.shape);
        K.add(data, offset, other.data, other.offset, data, offset, numel);
        return this;
    }

    /** this -= other */
    public Tensor sub(Tensor other) {
        return axpy(-1f, other);
    }

    /** this *= other, element-wise */
    public Tensor mul(Tensor other) {
        Shapes.requireSame("mul", shape, other.shape);
        K.mul(data, offset, other.data, other.offset, data, offset, numel);
        return this;
    }

    /** this *= alpha */
    public Tensor scale(float alpha) {
        K.scale(alpha, data, offset, data, offset, numel);
        return this;
    }

    /** this += alpha * x (BLAS axpy) */
    public Tensor axpy(float alpha, Tensor x) {
        Shapes.requireSame("axpy", shape, x.shape);
        K.axpy(alpha, x.data, x.offset, data, offset, numel);
        return this;
    }

    /** Applies {@code f} to every element in place. */
    public Tensor map(FloatUnaryOperator f) {
        for (int i = offset, end = offset + numel; i < end; i++) {
            data[i] = f.apply(data[i]);
        }
        return this;
    }

    /** Inner product of the flattened tensors. */
    public float dot(Tensor other) {
        Shapes.requireSame("dot", shape, other.shape);
        return K.dot(data, offset, other.data, other.offset, numel);
    }

    // ---- reductions ----

    /** Sum of all elements, accumulated in double precision. */
    public double sum() {
        double s = 0;
        for (int i = offset, end = offset + numel; i < end; i++) {
            s += data[i];
        }
        return s;
    }

    public double mean() {
        requireNonEmpty("mean");
        return sum() / numel;
    }

    public float max() {
        return data[offset + argMax()];
    }

    /** Flat index of the largest element; the first one wins on ties, NaN counts as largest (as PyTorch). */
    public int argMax() {
        requireNonEmpty("argMax");
        int best = 0;
        float bestValue = data[offset];
        for (int i = 1; i < numel; i++) {
            float v = data[offset + i];
            if (!(v <= bestValue) && !Float.isNaN(bestValue)) {
                best = i;
                bestValue = v;
            }
        }
        return best;
    }

    private void requireNonEmpty(String op) {
        if (numel == 0) {
            throw new IllegalArgumentException(op + ": empty tensor of shape " + Shapes.toString(shape));
        }
    }

    // ---- random fills ----

    /** Fills with values uniform in [lo, hi). */
    public Tensor uniform(Rng rng, float lo, float hi) {
        for (int i = offset, end = offset + numel; i < end; i++) {
            data[i] = rng.uniform(lo, hi);
        }
        return this;
    }

    /** Fills with normal values of the given mean and standard deviation. */
    public Tensor normal(Rng rng, float mean, float std) {
        for (int i = offset, end = offset + numel; i < end; i++) {
            data[i] = (float) (mean + std * rng.nextGaussian());
        }
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Shapes.toString(shape)).append(" [");
        int n = Math.min(numel, 8);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(data[offset + i]);
        }
        return sb.append(numel > n ? ", ...]" : "]").toString();
    }

    /** A float-to-float function without boxing. */
    @FunctionalInterface
    public interface FloatUnaryOperator {
        float apply(float x);
    }
}

package org.hanzinet.core.conv;

import java.util.Locale;
import org.hanzinet.core.simd.VectorizationProvider;

/**
 * The convolution implementations, and the per-shape choice between them.
 *
 * <p>{@link #choose} is a table derived from the JMH runs of {@code ConvBenchmark} (see
 * {@code BENCHMARKS.md}); the system property {@value #PROPERTY} ({@code scalar|im2col|simd}) forces
 * one for tests and benchmarks.
 */
public enum ConvImpl {
    /** Plain loops: the reference. */
    SCALAR,
    /** im2col + EJML GEMM. */
    IM2COL,
    /** Direct convolution with register-blocked Vector API kernels ({@link DirectConv2d}). */
    SIMD;

    public static final String PROPERTY = "hanzinet.conv.impl";

    /** A new instance (each holds its own work buffers). */
    public ConvAlgorithm create() {
        return switch (this) {
            case SCALAR -> new ScalarConv2d();
            case IM2COL -> new Im2colConv2d();
            case SIMD -> new DirectConv2d();
        };
    }

    /** Parses {@code scalar|im2col|simd} (any case). */
    public static ConvImpl parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown convolution implementation '" + name
                    + "': expected scalar, im2col or simd");
        }
    }

    /** The implementation forced by {@value #PROPERTY}, or null when the property is unset. */
    public static ConvImpl forced() {
        String v = System.getProperty(PROPERTY);
        return v == null || v.isBlank() ? null : parse(v);
    }

    /**
     * The fastest implementation for {@code g} on this JVM, unless {@value #PROPERTY} forces one.
     * Measured (JMH, see BENCHMARKS.md): with the Vector API the direct kernels win on every shape
     * measured. Without it, the direct path's scalar kernels still beat the textbook loops and
     * im2col (EJML reaches about 6.6 GFLOP/s), so SIMD is chosen whenever the kernel has more than one
     * tap; for 1x1 kernels im2col is a plain GEMM.
     */
    public static ConvImpl choose(ConvGeometry g) {
        ConvImpl f = forced();
        if (f != null) {
            return f;
        }
        if (!VectorizationProvider.get().isVectorized() && g.kernel() == 1) {
            return IM2COL;
        }
        return SIMD;
    }
}

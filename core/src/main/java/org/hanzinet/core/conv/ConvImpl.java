package org.hanzinet.core.conv;

import java.util.Locale;
import org.hanzinet.core.simd.VectorizationProvider;

/**
 * The convolution implementations, and the per-shape choice between them.
 *
 * <p>{@link #choose} is a table derived from the JMH runs of {@code ConvBenchmark} (see
 * {@code BENCHMARKS.md}); the system property {@value #PROPERTY} ({@code scalar|im2col|direct}) forces
 * one for tests and benchmarks.
 */
public enum ConvImpl {
    /** Plain loops: the reference. */
    SCALAR,
    /** im2col + EJML GEMM. */
    IM2COL,
    /**
     * Direct convolution ({@link DirectConv2d}): register-blocked Vector API kernels when the module is
     * present, the same loops with scalar kernels otherwise.
     */
    DIRECT;

    public static final String PROPERTY = "hanzinet.conv.impl";

    /** A new instance (each holds its own work buffers). */
    public ConvAlgorithm create() {
        return switch (this) {
            case SCALAR -> new ScalarConv2d();
            case IM2COL -> new Im2colConv2d();
            case DIRECT -> new DirectConv2d();
        };
    }

    /** Parses {@code scalar|im2col|direct} (any case). */
    public static ConvImpl parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown convolution implementation '" + name
                    + "': expected scalar, im2col or direct");
        }
    }

    /** The implementation forced by {@value #PROPERTY}, or null when the property is unset. */
    public static ConvImpl forced() {
        String v = System.getProperty(PROPERTY);
        return v == null || v.isBlank() ? null : parse(v);
    }

    /**
     * The fastest implementation for {@code g} on this JVM, unless {@value #PROPERTY} forces one.
     *
     * <p>Measured with {@code ConvCpuTime} (benchmarks module), JDK 17, one thread, GFLOP per CPU-second
     * (the machine was shared, load 10-16 on 2 cores, so CPU time rather than wall time), forward /
     * input gradient / weight gradient:
     * <pre>
     *                    direct, Vector API  direct, scalar kernels   im2col + EJML     scalar reference
     * m1_conv1 3->3       33-94 / 65 / 48     -                        2.8 / 2.7 / 2.1   0.9 / 1.1 / 2.3
     * m1_conv2 3->16      64 / 67 / 67        5.0 / 5.2 / 3.1          4.3 / 5.0 / 2.7   1.6 / 0.8 / 2.5
     * m2_conv1 3->3 p2    97 / 83 / 50        -                        3.2 / 2.9 / 2.0   0.7 / 1.0 / 0.5
     * m2_conv2 3->128     163 / 47 / 62       -                        -                 1.4 / 0.8 / 2.0
     * m2_conv3 128->64    102 / 129 / 90      -                        -                 -
     * m2_conv4 64->32     156 / 162 / 120     5.0 / 4.9 / 3.1          -                 -
     * g 16->32 k3 128²    (too short to time)  3.7 / 4.0 / 2.9          -                 -
     * </pre>
     * So: the Vector API direct kernels win everywhere (30-100x the reference). Without the Vector API
     * the direct path with scalar kernels is on par with im2col and 2-5x the reference, and needs no
     * column buffer, so it stays the choice; for 1x1 kernels im2col is a plain GEMM and is taken.
     */
    public static ConvImpl choose(ConvGeometry g) {
        ConvImpl f = forced();
        if (f != null) {
            return f;
        }
        if (!VectorizationProvider.get().isVectorized() && g.kernel() == 1) {
            return IM2COL;
        }
        return DIRECT;
    }
}

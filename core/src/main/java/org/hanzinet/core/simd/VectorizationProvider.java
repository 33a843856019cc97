package org.hanzinet.core.simd;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Constructor;

/**
 * Chooses between the Vector API kernels and the scalar ones, once per JVM.
 *
 * <p>This package is the only importer of {@code jdk.incubator.vector}. The Vector API path is taken
 * when the module is in the boot layer (JVM flag {@value #ENABLE_FLAG}) and the system property
 * {@code hanzinet.simd} is not {@code false}; otherwise the scalar path, with one WARNING that names
 * the flag. Either way results are correct; only speed differs. The log goes through the JDK's
 * {@link System.Logger} (java.util.logging unless the application plugs in another backend), so a
 * user sees the line without configuring anything.
 *
 * <p>Tests set {@code hanzinet.simd.required=true} to make a silent fallback an error, and
 * {@code hanzinet.simd.bits} to force a narrower vector width.
 */
public abstract class VectorizationProvider {
    public static final String ENABLE_FLAG = "--add-modules jdk.incubator.vector";
    public static final String SIMD_PROPERTY = "hanzinet.simd";
    public static final String REQUIRED_PROPERTY = "hanzinet.simd.required";
    public static final String BITS_PROPERTY = "hanzinet.simd.bits";

    private static final Logger LOG = System.getLogger(VectorizationProvider.class.getName());
    private static final String PANAMA_CLASS = "org.hanzinet.core.simd.PanamaProvider";

    VectorizationProvider() {}

    /** True for the Vector API implementation. */
    public abstract boolean isVectorized();

    /** Vector width in bits (32 for the scalar path). */
    public abstract int vectorBitSize();

    /** Element-wise and reduction kernels. */
    public abstract VectorKernels kernels();

    /** Inner loops of the direct convolution (used by {@code org.hanzinet.core.conv.DirectConv2d}). */
    public abstract ConvKernels convKernels();

    /** Per-channel loops of batch normalisation (used by {@code org.hanzinet.nn.layers.BatchNorm2d}). */
    public abstract NormKernels normKernels();

    /** Row loops of bilinear up-sampling by 2 (used by {@code org.hanzinet.nn.layers.UpsampleBilinear2d}). */
    public abstract UpsampleKernels upsampleKernels();

    /** Inner loops of the skinny matrix multiply (used by {@code org.hanzinet.core.linalg.SkinnyGemm}). */
    public abstract GemmKernels gemmKernels();

    /** The scalar implementation, always available: the reference in differential tests. */
    public static VectorizationProvider scalar() {
        return Holder.SCALAR;
    }

    /** The implementation chosen for this JVM. */
    public static VectorizationProvider get() {
        return Holder.CHOSEN;
    }

    private static final class Holder {
        static final VectorizationProvider SCALAR = new ScalarProvider();
        static final VectorizationProvider CHOSEN = choose(LOG);
    }

    /** Chooses the implementation from the JVM's flags and properties, logging the choice to {@code log}. */
    static VectorizationProvider choose(Logger log) {
        boolean required = Boolean.getBoolean(REQUIRED_PROPERTY);
        String reason;
        if ("false".equalsIgnoreCase(System.getProperty(SIMD_PROPERTY))) {
            reason = "switched off by -D" + SIMD_PROPERTY + "=false";
        } else if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            reason = "the jdk.incubator.vector module is not loaded; start the JVM with " + ENABLE_FLAG
                    + " for the fast path";
        } else {
            try {
                Constructor<?> c = Class.forName(PANAMA_CLASS).getDeclaredConstructor();
                VectorizationProvider p = (VectorizationProvider) c.newInstance();
                log.log(Level.INFO, "hanzinet kernels: Vector API, " + p.vectorBitSize() + "-bit vectors");
                return p;
            } catch (ReflectiveOperationException | LinkageError e) {
                reason = "the Vector API failed to load (" + e + ")";
            }
        }
        if (required) {
            throw new IllegalStateException("the Vector API path is required (-D" + REQUIRED_PROPERTY
                    + "=true) but was not taken: " + reason);
        }
        log.log(Level.WARNING, "hanzinet kernels: scalar fallback: " + reason);
        return Holder.SCALAR;
    }
}

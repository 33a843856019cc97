package org.hanzinet.core.testing;

import org.hanzinet.core.simd.VectorizationProvider;

/**
 * Which kernel path this test JVM ought to take, worked out from the JVM's own flags and not from the
 * code under test: the Vector API when {@code jdk.incubator.vector} is in the boot layer and
 * {@code -Dhanzinet.simd=false} is not set, the scalar path otherwise. Tests compare what the library
 * chose against this, so a wrong choice fails instead of being echoed back.
 */
public final class ExpectedPath {
    private ExpectedPath() {}

    /** True when this JVM should run the Vector API kernels. */
    public static boolean vectorApi() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && !"false".equalsIgnoreCase(System.getProperty(VectorizationProvider.SIMD_PROPERTY));
    }

    /** Runs {@code body} with the system property {@code key} set to {@code value} (null clears it), then restores it. */
    public static void withProperty(String key, String value, Runnable body) {
        String saved = System.getProperty(key);
        try {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
            body.run();
        } finally {
            if (saved == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, saved);
            }
        }
    }
}

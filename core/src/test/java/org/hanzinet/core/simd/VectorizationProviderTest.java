package org.hanzinet.core.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.hanzinet.core.testing.LogCapture;
import org.junit.jupiter.api.Test;

/**
 * Proves which path a test run took. The default run sets {@code hanzinet.simd.required=true} and
 * loads the incubator module; the {@code scalar-fallback} execution sets
 * {@code hanzinet.simd.expected=scalar} and does not. A run that silently took the other path fails here.
 */
class VectorizationProviderTest {

    @Test
    void tookThePathThisRunAskedFor() {
        VectorizationProvider p = VectorizationProvider.get();
        boolean moduleLoaded = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if ("scalar".equals(System.getProperty("hanzinet.simd.expected"))) {
            assertThat(moduleLoaded).as("the fallback run must not load jdk.incubator.vector").isFalse();
            assertThat(p.isVectorized()).isFalse();
            assertThat(p.kernels().name()).isEqualTo("scalar");
        } else {
            assertThat(Boolean.getBoolean(VectorizationProvider.REQUIRED_PROPERTY))
                    .as("the default test run must require the Vector API (see the parent pom's surefire argLine)")
                    .isTrue();
            assertThat(moduleLoaded).isTrue();
            assertThat(p.isVectorized()).isTrue();
            assertThat(p.kernels().name()).startsWith("panama-");
        }
    }

    @Test
    void scalarIsAlwaysAvailable() {
        assertThat(VectorizationProvider.scalar().isVectorized()).isFalse();
        assertThat(VectorizationProvider.scalar().kernels()).isInstanceOf(ScalarKernels.class);
    }

    /**
     * The choice is logged through the JDK's System.Logger, which reaches java.util.logging with no
     * binding: the scalar run must see the WARNING naming the flag, the vector run one INFO line.
     */
    @Test
    void logsThePathTakenThroughTheJdkLoggerNamingTheFlagOnFallback() {
        try (LogCapture log = LogCapture.of(VectorizationProvider.class)) {
            VectorizationProvider p = VectorizationProvider.choose(System.getLogger(VectorizationProvider.class.getName()));
            assertThat(log.records()).hasSize(1);
            LogRecord r = log.records().get(0);
            if (p.isVectorized()) {
                assertThat(r.getLevel()).isEqualTo(Level.INFO);
                assertThat(r.getMessage()).startsWith("hanzinet kernels: Vector API, ");
            } else {
                assertThat(r.getLevel()).isEqualTo(Level.WARNING);
                assertThat(r.getMessage()).isEqualTo("hanzinet kernels: scalar fallback: the jdk.incubator.vector module "
                        + "is not loaded; start the JVM with --add-modules jdk.incubator.vector for the fast path");
            }
        }
    }
}

package org.hanzinet.core.conv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.hanzinet.core.testing.ExpectedPath;
import org.junit.jupiter.api.Test;

/**
 * Which convolution runs: the choice table, the forcing property and the kernels of the direct path,
 * judged from the JVM's flags (not from the code under test). Runs in the default (Vector API) test run
 * and again in core's scalar-fallback run.
 */
class ConvImplTest {

    /** The no-argument DirectConv2d runs the kernels this JVM should run (judged from its flags, not the code). */
    @Test
    void directPathRunsTheKernelsThisJvmShouldRun() {
        String kernels = new DirectConv2d().kernelName();
        if (ExpectedPath.vectorApi()) {
            assertThat(kernels).as("Vector API module loaded: direct convolution kernels").startsWith("panama-");
        } else {
            assertThat(kernels).as("no Vector API: direct convolution kernels").isEqualTo("scalar");
        }
    }

    /** The choice table: direct everywhere, except 1x1 kernels without the Vector API; the property overrides it. */
    @Test
    void chooseFollowsTheTableUnlessForced() {
        ConvGeometry k5 = new ConvGeometry(1, 3, 64, 64, 16, 5, 1, 0);
        ConvGeometry k1 = new ConvGeometry(1, 16, 8, 8, 4, 1, 1, 0);
        ExpectedPath.withProperty(ConvImpl.PROPERTY, null, () -> {
            assertThat(ConvImpl.choose(k5)).isEqualTo(ConvImpl.DIRECT);
            assertThat(ConvImpl.choose(k1)).isEqualTo(ExpectedPath.vectorApi() ? ConvImpl.DIRECT : ConvImpl.IM2COL);
        });
        for (ConvImpl impl : ConvImpl.values()) {
            ExpectedPath.withProperty(ConvImpl.PROPERTY, impl.name().toLowerCase(Locale.ROOT), () -> {
                assertThat(ConvImpl.choose(k5)).as("forced " + impl).isEqualTo(impl);
                assertThat(ConvImpl.choose(k1)).as("forced " + impl).isEqualTo(impl);
            });
        }
    }

    @Test
    void parseRefusesAnUnknownNameWithTheAcceptedOnes() {
        assertThat(ConvImpl.parse(" Direct ")).isEqualTo(ConvImpl.DIRECT);
        assertThatThrownBy(() -> ConvImpl.parse("simd"))
                .hasMessage("unknown convolution implementation 'simd': expected scalar, im2col or direct");
    }
}

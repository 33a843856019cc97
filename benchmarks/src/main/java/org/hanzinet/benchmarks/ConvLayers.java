package org.hanzinet.benchmarks;

import java.util.Map;
import org.hanzinet.core.conv.ConvGeometry;

/** The convolution shapes benchmarked: the six layers of the reference models at real size, and a few generic ones. */
final class ConvLayers {
    private ConvLayers() {}

    /** batch, in, height, width, out, kernel, stride, padding */
    static final Map<String, ConvGeometry> LAYERS = Map.ofEntries(
            Map.entry("m1_conv1", new ConvGeometry(1, 3, 2048, 2048, 3, 5, 1, 0)),
            Map.entry("m1_conv2", new ConvGeometry(1, 3, 1022, 1022, 16, 5, 1, 0)),
            Map.entry("m2_conv1", new ConvGeometry(1, 3, 2048, 2048, 3, 5, 1, 2)),
            Map.entry("m2_conv2", new ConvGeometry(1, 3, 1024, 1024, 128, 5, 1, 2)),
            Map.entry("m2_conv3", new ConvGeometry(1, 128, 512, 512, 64, 5, 1, 2)),
            Map.entry("m2_conv4", new ConvGeometry(1, 64, 256, 256, 32, 5, 1, 2)),
            // generic: 3x3 mid-size, stride 2, a batch of small images
            Map.entry("g_16to32_k3_128", new ConvGeometry(1, 16, 128, 128, 32, 3, 1, 1)),
            Map.entry("g_32to32_k5_s2_255", new ConvGeometry(1, 32, 255, 255, 32, 5, 2, 2)),
            Map.entry("g_b8_8to8_k5_64", new ConvGeometry(8, 8, 64, 64, 8, 5, 1, 2)),
            // the examples' U-Net at 256² (batch 8, 3x3, padding 1): top level, the two deepest levels, a decoder concat
            Map.entry("u_b8_16to16_k3_256", new ConvGeometry(8, 16, 256, 256, 16, 3, 1, 1)),
            Map.entry("u_b8_32to32_k3_128", new ConvGeometry(8, 32, 128, 128, 32, 3, 1, 1)),
            Map.entry("u_b8_128to128_k3_32", new ConvGeometry(8, 128, 32, 32, 128, 3, 1, 1)),
            Map.entry("u_b8_256to256_k3_16", new ConvGeometry(8, 256, 16, 16, 256, 3, 1, 1)),
            Map.entry("u_b8_384to128_k3_32", new ConvGeometry(8, 384, 32, 32, 128, 3, 1, 1)));

    static ConvGeometry get(String name) {
        ConvGeometry g = LAYERS.get(name);
        if (g == null) {
            throw new IllegalArgumentException("unknown layer '" + name + "', expected one of " + LAYERS.keySet());
        }
        return g;
    }
}

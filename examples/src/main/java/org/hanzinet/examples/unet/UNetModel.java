package org.hanzinet.examples.unet;

import java.util.Arrays;
import java.util.List;
import org.hanzinet.nn.SequentialConfig;
import org.hanzinet.nn.graph.GraphConfig;
import org.hanzinet.nn.layers.BatchNorm2d;
import org.hanzinet.nn.layers.Concat;
import org.hanzinet.nn.layers.Conv2d;
import org.hanzinet.nn.layers.MaxPool2d;
import org.hanzinet.nn.layers.ReLU;
import org.hanzinet.nn.layers.UpsampleBilinear2d;

/**
 * The character segmenter: a U-Net written with the graph API, fully convolutional, so one config runs
 * on images of any size whose sides are multiples of {@link #stride(int[])}.
 * <pre>
 * image [N,3,H,W]
 *   down.0: block(3 -> w0)                                    [N,w0,H,W]
 *   pool1, down.1: block(w0 -> w1)                            [N,w1,H/2,W/2]
 *   ...                                                       [N,wL,H/2^L,W/2^L]  (the bottleneck)
 *   upsample j (bilinear x2), cat j = [up, skip], up.j: block [N,w_i,H/2^i,W/2^i]
 *   head: 1x1 conv w0 -> 1                                    logits [N,1,H,W]
 * block(a -> b) = conv3x3(a -> b, no bias), BatchNorm, ReLU, conv3x3(b -> b, no bias), BatchNorm, ReLU
 * </pre>
 * Parameter names follow PyTorch ({@code down.0.conv1.weight}, {@code up.2.bn2.running_mean}), so a PyTorch
 * module of the same structure loads by name.
 */
public final class UNetModel {
    /** The shipped model's widths: four levels of down-sampling, 1.96 M parameters. */
    public static final List<Integer> DEFAULT_WIDTHS = List.of(16, 32, 64, 128, 256);

    private UNetModel() {}

    // README: begin
    /** (conv3x3 without bias, BatchNorm, ReLU) twice, named as PyTorch's nn.Sequential(OrderedDict(conv1=..., ...)). */
    static SequentialConfig block(int in, int out) {
        return new SequentialConfig(List.of())
                .then("conv1", new Conv2d.Config(in, out, 3, 1, 1, false)).then("bn1", new BatchNorm2d.Config(out))
                .then("relu1", new ReLU.Config(true))
                .then("conv2", new Conv2d.Config(out, out, 3, 1, 1, false)).then("bn2", new BatchNorm2d.Config(out))
                .then("relu2", new ReLU.Config(true));
    }

    /** [N,3,H,W] -> logits [N,1,H,W], H and W multiples of 2^(levels-1): max-pool down, bilinear x2 up + skips. */
    public static GraphConfig config(int[] w) {
        requireWidths(w);
        GraphConfig.Builder g = GraphConfig.builder("image");
        String x = "image";
        for (int i = 0; i < w.length; i++) {
            if (i > 0) {
                g.add("pool" + i, new MaxPool2d.Config(2, 2), x);
                x = "pool" + i;
            }
            g.add("down." + i, block(i == 0 ? 3 : w[i - 1], w[i]), x);
            x = "down." + i;
        }
        for (int i = w.length - 2, j = 0; i >= 0; i--, j++) {
            g.add("upsample" + j, UpsampleBilinear2d.Config.scale(2, 2, false), x);
            g.add("cat" + j, new Concat.Config(), "upsample" + j, "down." + i);  // torch.cat([up, skip], 1)
            g.add("up." + j, block(w[i + 1] + w[i], w[i]), "cat" + j);
            x = "up." + j;
        }
        return g.add("head", new Conv2d.Config(w[0], 1, 1, 1, 0, true), x).build("head");
    }
    // README: end

    private static void requireWidths(int[] w) {
        if (w.length < 2) {
            throw new IllegalArgumentException("U-Net widths: need at least 2 levels, got " + Arrays.toString(w));
        }
        for (int width : w) {
            if (width < 1) {
                throw new IllegalArgumentException("U-Net widths must be >= 1, got " + Arrays.toString(w));
            }
        }
    }

    /** Input sides must be multiples of this: 2^(levels - 1). */
    public static int stride(int[] widths) {
        return 1 << (widths.length - 1);
    }
}

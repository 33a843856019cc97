package org.hanzinet.examples.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.hanzinet.core.Shapes;
import org.hanzinet.examples.config.ModelKind;
import org.hanzinet.examples.config.OptimizerKind;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.examples.model.Head;
import org.hanzinet.examples.model.ReferenceModels;
import org.hanzinet.nn.LayerConfig;
import org.hanzinet.nn.SequentialConfig;
import org.hanzinet.nn.layers.Conv2d;
import org.hanzinet.nn.layers.MaxPool2d;
import org.hanzinet.nn.layers.ReLU;

/**
 * An estimate, from the architecture's config alone (nothing is allocated), of the heap a training run needs:
 * parameters x (value + gradient + optimiser state), the buffers the layers keep per batch (outputs,
 * input gradients, max-pool arg-max, the head's full-size output), the batch tensors and the cached data
 * set. Calibrated against measured peaks at 2048 x 2048 (see the README). Checked before training so an undersized heap
 * fails in a second with the {@code -Xmx} to use instead of after hours.
 */
public final class HeapEstimate {
    private static final long FLOAT = 4;
    /** JVM overhead, class metadata, image decoding, reports. */
    private static final long BASE = 256L << 20;
    private final Map<String, Long> terms = new LinkedHashMap<>();

    private HeapEstimate() {}

    /** Estimates for {@code cfg} with {@code cachedImages} images of the data set held in memory. */
    public static HeapEstimate of(RunConfig cfg, int cachedImages) {
        HeapEstimate e = new HeapEstimate();
        long s = cfg.imageSize();
        int n = cfg.batchSize();
        long params = parameterCount(cfg.model(), cfg.imageSize());
        int state = cfg.optimizer() == OptimizerKind.ADAM ? 2 : (cfg.momentum() != 0 ? 1 : 0);
        e.terms.put("parameters x (value + gradient + " + state + " optimiser buffers)", params * FLOAT * (2 + state));
        long act = activationFloatsPerImage(cfg.model(), s);
        // +10 %: the convolutions' padded input copies and packed gradients per thread (measured at 2048 px).
        e.terms.put("layer outputs and gradients (batch " + n + ")", act * n * FLOAT * 11 / 10);
        // The loader's one reusable batch (image 3, mask, ignore, weight), shared by training and validation,
        // and the loss gradient.
        e.terms.put("batch tensors (image, mask, ignore, weight; loss gradient)", 7 * s * s * n * FLOAT);
        e.terms.put("cached data set (" + cachedImages + " images as RGB bytes)", 3 * s * s * cachedImages);
        e.terms.put("JVM and I/O base", BASE);
        return e;
    }

    /** Parameter count of the reference model at side {@code s}, from its config (no allocation). */
    public static long parameterCount(ModelKind m, int s) {
        return network(m, s).parameterCount();
    }

    /** The model's config; the head does not change parameters or buffers of the layers counted here. */
    private static SequentialConfig network(ModelKind m, int s) {
        return m == ModelKind.MODEL1 ? ReferenceModels.model1Config(s, Head.BANDS_1D)
                : ReferenceModels.model2Config(s, Head.BANDS_1D);
    }

    /**
     * Floats held per image by the layers' buffers between steps, from the shapes the config infers at
     * batch 1: per convolution its output and an input gradient, per max-pool its output, arg-max and input
     * gradient, per ReLU its output unless it works in place (its gradient is written over the gradient it
     * receives: {@code GradientArena.offer}); plus the network's full-size output, its gradient and the loss
     * gradient. The input gradients live in the network's arena, which keeps one buffer per distinct size, so
     * in these chains about one per layer. The Linear layers' buffers are small beside these and left out.
     */
    static long activationFloatsPerImage(ModelKind m, long s) {
        SequentialConfig net = network(m, Math.toIntExact(s));
        int[] out = net.outputShape(new int[] {1, 3, (int) s, (int) s});
        return 3L * Shapes.numel(out) + buffers(net, new int[] {1, 3, (int) s, (int) s});
    }

    /** The floats of the buffers of {@code layer}'s convolutions, ReLUs and max-pools for {@code in} (see above). */
    private static long buffers(LayerConfig layer, int[] in) {
        if (layer instanceof SequentialConfig seq) {
            long total = 0;
            int[] shape = in;
            for (SequentialConfig.Layer l : seq.layers()) {
                total += buffers(l.layer(), shape);
                shape = l.layer().outputShape(shape);
            }
            return total;
        }
        long input = Shapes.numel(in);
        long output = Shapes.numel(layer.outputShape(in));
        if (layer instanceof Conv2d.Config) {
            return output + input;
        }
        if (layer instanceof ReLU.Config relu) {
            return relu.inplace() ? 0 : output;
        }
        if (layer instanceof MaxPool2d.Config) {
            return input + 2 * output;
        }
        return 0;
    }

    public long totalBytes() {
        return terms.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The {@code -Xmx} to use: {@link #recommendedGib()}, e.g. {@code -Xmx9g}. */
    public String recommendedXmx() {
        return "-Xmx" + recommendedGib() + "g";
    }

    /** The heap to use in GiB: the estimate plus 25 % (the collector's head-room), rounded up, at least 1. */
    public long recommendedGib() {
        return Math.max(1, (long) Math.ceil(totalBytes() * 1.25 / (1L << 30)));
    }

    /** Throws with the breakdown when {@code maxHeapBytes} is below the estimate. */
    public void requireFits(long maxHeapBytes, String what) {
        if (totalBytes() > maxHeapBytes) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "not enough heap for %s: estimated %s needed, the JVM has %s (-Xmx). Run with %s"
                            + " (./hanzinet: HANZINET_XMX=%s), or choose a smaller --image-size/--batch-size.%n%s",
                    what, gib(totalBytes()), gib(maxHeapBytes), recommendedXmx(), recommendedXmx().substring(4),
                    breakdown()));
        }
    }

    public String breakdown() {
        StringBuilder sb = new StringBuilder();
        terms.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-58s %s%n", k, gib(v))));
        return sb.toString();
    }

    public static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }
}

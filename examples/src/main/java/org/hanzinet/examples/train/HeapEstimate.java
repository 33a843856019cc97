package org.hanzinet.examples.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.hanzinet.examples.config.ModelKind;
import org.hanzinet.examples.config.OptimizerKind;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.examples.model.ReferenceModels;

/**
 * An estimate, from the architecture alone (nothing is allocated), of the heap a training run needs:
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

    /** Parameter count of the reference model at side {@code s}, from the formulas (no allocation). */
    public static long parameterCount(ModelKind m, int s) {
        if (m == ModelKind.MODEL1) {
            long f = ReferenceModels.model1Features(s);
            return (3 * 3 * 25 + 3) + (16 * 3 * 25 + 16) + (f * 253 + 253) + (253 * 120 + 120) + (120 * 64 + 64);
        }
        long f = ReferenceModels.model2Features(s);
        return (3 * 3 * 25 + 3) + (128 * 3 * 25 + 128) + (64 * 128 * 25 + 64) + (32 * 64 * 25 + 32) + (f * 20 + 20);
    }

    /**
     * Floats held per image by the layers' own buffers (each layer keeps its output and its input
     * gradient between steps): per conv stage with {@code O} output channels at side {@code H} after a
     * conv fed {@code C} channels at side {@code Hin}: conv output, ReLU output and gradient, pool
     * input gradient ({@code 4 O H^2}), pool output and arg-max ({@code O H^2 / 2}), conv input gradient
     * ({@code C Hin^2}); plus the head's full-size output, its gradient and the loss gradient.
     */
    static long activationFloatsPerImage(ModelKind m, long s) {
        long total = 3 * s * s;
        if (m == ModelKind.MODEL1) {
            long c1 = s - 4;
            long c2 = c1 / 2 - 4;
            total += stage(3, 3, s, c1) + stage(3, 16, c1 / 2, c2);
        } else {
            int[][] ch = {{3, 3}, {3, 128}, {128, 64}, {64, 32}};
            long side = s;
            for (int[] c : ch) {
                total += stage(c[0], c[1], side, side);
                side /= 2;
            }
        }
        return total;
    }

    private static long stage(int in, int out, long inSide, long convSide) {
        long plane = convSide * convSide;
        return 4L * out * plane + out * plane / 2 + (long) in * inSide * inSide;
    }

    public long totalBytes() {
        return terms.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The {@code -Xmx} to use: the estimate plus 25 %, rounded up to whole GiB. */
    public String recommendedXmx() {
        long gib = (long) Math.ceil(totalBytes() * 1.25 / (1L << 30));
        return "-Xmx" + Math.max(1, gib) + "g";
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

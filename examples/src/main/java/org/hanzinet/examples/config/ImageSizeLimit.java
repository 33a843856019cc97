package org.hanzinet.examples.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.hanzinet.core.Shapes;

/**
 * The largest {@code --image-size} a reference model can be built and trained at: every tensor (a
 * batch, a layer's output, a weight) lives in one Java array, so none may exceed
 * {@link Shapes#MAX_ELEMENTS}. Checked before anything is allocated, so that an absurd size is refused
 * with the tensor that would not fit and the largest size that does (rather than an integer overflow).
 * Whether the heap is big enough is a separate, later check ({@code HeapEstimate}).
 */
public final class ImageSizeLimit {
    private static final int SEARCH_LIMIT = 1 << 20;

    private ImageSizeLimit() {}

    /** Throws naming the size, the tensor and the largest allowed size when {@code s} is too large. */
    public static void check(ModelKind model, int s, int batch) {
        Map.Entry<String, Long> biggest = largest(model, s, batch);
        if (biggest.getValue() > Shapes.MAX_ELEMENTS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--image-size %d is too large for %s at batch %d: %s would hold %,d elements, more than the %,d "
                            + "a Java array can; the largest --image-size for %s at batch %d is %d",
                    s, model.cliName(), batch, biggest.getKey(), biggest.getValue(), Shapes.MAX_ELEMENTS,
                    model.cliName(), batch, largestSize(model, batch)));
        }
    }

    /** The largest side whose tensors all fit (at least 16, the models' smallest size). */
    public static int largestSize(ModelKind model, int batch) {
        int lo = 16;
        int hi = SEARCH_LIMIT;
        while (lo < hi) { // every tensor grows with s: find the last s that fits
            int mid = (lo + hi + 1) >>> 1;
            if (largest(model, mid, batch).getValue() <= Shapes.MAX_ELEMENTS) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The model's largest tensor at side {@code s} and batch {@code n}: its description and element count. */
    static Map.Entry<String, Long> largest(ModelKind model, long s, long n) {
        Map<String, Long> t = new LinkedHashMap<>();
        t.put(dims("the image batch", n, 3, s, s), n * 3 * s * s);
        if (model == ModelKind.MODEL1) {
            long c1 = s - 4;             // conv 5x5, no padding
            long p1 = c1 / 2;            // max-pool 2
            long c2 = p1 - 4;
            long a = c2 / 2;
            t.put(dims("layer1's output", n, 3, c1, c1), n * 3 * c1 * c1);
            t.put(dims("layer2's output", n, 16, c2, c2), n * 16 * c2 * c2);
            t.put(dims("fc1.weight", 253, 16 * a * a), 253 * 16 * a * a);
        } else {
            long c = s;                  // conv 5x5, padding 2: same side, then max-pool 2
            int[] channels = {3, 128, 64, 32};
            for (int i = 0; i < channels.length; i++) {
                t.put(dims("layer" + (i + 1) + "'s output", n, channels[i], c, c), n * channels[i] * c * c);
                c /= 2;
            }
            t.put(dims("fc.weight", 20, 32 * c * c), 20 * 32 * c * c);
        }
        return t.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
    }

    private static String dims(String name, long... d) {
        StringBuilder sb = new StringBuilder(name).append(" [");
        for (int i = 0; i < d.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(d[i]);
        }
        return sb.append(']').toString();
    }
}

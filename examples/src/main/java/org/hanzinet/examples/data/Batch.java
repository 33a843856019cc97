package org.hanzinet.examples.data;

import java.util.List;
import org.hanzinet.core.Tensor;

/**
 * Samples stacked into tensors: {@code images [N, 3, S, S]}, {@code masks [N, 1, S, S]},
 * {@code ignores [N, 1, S, S]} and {@code weights [N, 1, S, S]} (1 - ignore: the loss leaves ignored
 * pixels out).
 */
public record Batch(List<ImageSample> samples, Tensor images, Tensor masks, Tensor ignores, Tensor weights) {

    /** Stacks {@code samples[order[from..to)]}. */
    public static Batch of(List<ImageSample> samples, int[] order, int from, int to) {
        int n = to - from;
        ImageSample first = samples.get(order[from]);
        int h = first.image().size(1);
        int w = first.image().size(2);
        Tensor images = Tensor.zeros(n, 3, h, w);
        Tensor masks = Tensor.zeros(n, 1, h, w);
        Tensor ignores = Tensor.zeros(n, 1, h, w);
        ImageSample[] picked = new ImageSample[n];
        for (int i = 0; i < n; i++) {
            ImageSample s = i == 0 ? first : samples.get(order[from + i]);
            picked[i] = s;
            images.slice(i).copyFrom(s.image().reshape(3, h, w));
            masks.slice(i).copyFrom(s.mask().reshape(1, h, w));
            ignores.slice(i).copyFrom(s.ignore().reshape(1, h, w));
        }
        Tensor weights = Tensor.full(1f, n, 1, h, w).sub(ignores);
        return new Batch(List.of(picked), images, masks, ignores, weights);
    }

    /** Batch of {@code samples[from..to)} in order. */
    public static Batch range(List<ImageSample> samples, int from, int to) {
        int[] order = new int[samples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return of(samples, order, from, to);
    }

    public int size() {
        return samples.size();
    }
}

package org.hanzinet.nn.inference;

import java.util.List;
import java.util.Objects;
import org.hanzinet.core.Shapes;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.layers.UpsampleBilinear2d;

/**
 * Multi-scale prediction: the photo is resized (bilinear, {@code align_corners=False}, as PyTorch's
 * {@code interpolate}) by each scale, run at full resolution ({@link FullResolution}), resized back to the
 * photo's size and merged pixel by pixel by the maximum or the mean. Outputs are merged as the model
 * gives them: the maximum of logits is the logit of the maximum probability, the mean is not the mean
 * probability, so give a model ending in a sigmoid when merging by the mean. Scale 1 skips both resizes.
 */
public final class MultiScale {
    /** How the per-scale outputs are combined. */
    public enum Merge { MAX, MEAN }

    private final FullResolution runner;
    private final List<Double> scales;
    private final Merge merge;

    public MultiScale(FullResolution runner, List<Double> scales, Merge merge) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.merge = Objects.requireNonNull(merge, "merge");
        if (scales.isEmpty()) {
            throw new IllegalArgumentException("MultiScale: no scales given");
        }
        for (double s : scales) {
            if (!(s > 0 && s <= 8)) {
                throw new IllegalArgumentException("MultiScale: scale " + s + " is not in (0, 8]");
            }
        }
        this.scales = List.copyOf(scales);
    }

    /** {@code [C, H, W]} photo to {@code [K, H, W]} merged output. */
    public Tensor predict(Tensor photo) {
        if (photo.dim() != 3) {
            throw new IllegalArgumentException("MultiScale: photo must be [C, H, W], got shape "
                    + Shapes.toString(photo.shape()));
        }
        int c = photo.size(0);
        int h = photo.size(1);
        int w = photo.size(2);
        Tensor merged = null;
        for (double s : scales) {
            int sh = Math.max(1, (int) Math.round(h * s));
            int sw = Math.max(1, (int) Math.round(w * s));
            Tensor y;
            if (sh == h && sw == w) {
                y = runner.predict(photo);
            } else {
                Tensor small = resize(photo, c, h, w, sh, sw);
                Tensor ys = runner.predict(small);
                y = resize(ys, ys.size(0), sh, sw, h, w);
            }
            merged = merged == null ? y.copy() : combine(merged, y);
        }
        if (merge == Merge.MEAN) {
            merged.scale(1f / scales.size());
        }
        return merged;
    }

    private Tensor combine(Tensor acc, Tensor y) {
        float[] a = acc.data();
        float[] b = y.data();
        int ao = acc.offset();
        int bo = y.offset();
        for (int i = 0; i < acc.numel(); i++) {
            a[ao + i] = merge == Merge.MAX ? Math.max(a[ao + i], b[bo + i]) : a[ao + i] + b[bo + i];
        }
        return acc;
    }

    /** {@code [C, H, W] -> [C, oh, ow]}, a fresh tensor. */
    private static Tensor resize(Tensor x, int c, int h, int w, int oh, int ow) {
        Tensor in = Tensor.wrap(x.data(), x.offset(), 1, c, h, w);
        return new UpsampleBilinear2d(oh, ow).forward(in).copy().reshape(c, oh, ow);
    }
}

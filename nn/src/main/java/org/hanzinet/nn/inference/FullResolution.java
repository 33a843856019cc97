package org.hanzinet.nn.inference;

import java.util.List;
import java.util.Objects;
import org.hanzinet.core.Shapes;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;

/**
 * Runs a fully convolutional model on a photo of any size and returns its output for every pixel of the
 * photo: {@code [C, H, W] -> [K, H, W]}, where the model maps {@code [1, C, h, w] -> [1, K, h, w]} for
 * {@code h, w} multiples of its stride. The photo is padded at the bottom and right with
 * {@code padValue} to a multiple of the stride, run, and cropped back. A padded photo larger than
 * {@code tile} along an axis is cut into tiles of {@code tile} pixels that overlap by {@code 2 * margin};
 * each tile keeps only its centre (its core, see {@link TileAxis}), so no blending is needed and the
 * result equals the untiled run wherever the model's receptive field reaches at most {@code margin}
 * pixels (a U-Net's reaches further: there tiling is an approximation that a larger margin improves).
 * Memory: the output and one tile's activations, never the whole photo's. Put the model in eval mode
 * first: this class does not change the module's state.
 */
public final class FullResolution {

    /** Stride the padded size is a multiple of; tile size and margin in pixels, multiples of the stride. */
    public record Config(int stride, int tile, int margin, float padValue) {
        public Config {
            if (stride < 1) {
                throw new IllegalArgumentException("FullResolution.Config: stride " + stride + " must be >= 1");
            }
            if (tile < stride || tile % stride != 0) {
                throw new IllegalArgumentException("FullResolution.Config: tile " + tile
                        + " must be a positive multiple of stride " + stride);
            }
            if (margin < 0 || margin % stride != 0 || 2L * margin >= tile) {
                throw new IllegalArgumentException("FullResolution.Config: margin " + margin
                        + " must be a multiple of stride " + stride + " with 2 * margin < tile " + tile);
            }
            if (!Float.isFinite(padValue)) {
                throw new IllegalArgumentException("FullResolution.Config: padValue " + padValue + " is not finite");
            }
        }
    }

    private final Module model;
    private final Config config;

    public FullResolution(Module model, Config config) {
        this.model = Objects.requireNonNull(model, "model");
        this.config = Objects.requireNonNull(config, "config");
    }

    public Config config() {
        return config;
    }

    /** {@code [C, H, W]} photo to {@code [K, H, W]} model output at the photo's own resolution. */
    public Tensor predict(Tensor photo) {
        if (photo.dim() != 3) {
            throw new IllegalArgumentException("FullResolution: photo must be [C, H, W], got shape "
                    + Shapes.toString(photo.shape()));
        }
        int c = photo.size(0);
        int h = photo.size(1);
        int w = photo.size(2);
        if (c < 1 || h < 1 || w < 1) {
            throw new IllegalArgumentException("FullResolution: photo " + Shapes.toString(photo.shape())
                    + " has no pixels");
        }
        int s = config.stride();
        List<TileAxis> rows = TileAxis.plan(TileAxis.padTo(h, s), config.tile(), config.margin(), s);
        List<TileAxis> cols = TileAxis.plan(TileAxis.padTo(w, s), config.tile(), config.margin(), s);
        Tensor out = null;
        for (TileAxis r : rows) {
            if (r.coreFrom() >= h) {
                continue;
            }
            for (TileAxis q : cols) {
                if (q.coreFrom() >= w) {
                    continue;
                }
                Tensor y = model.forward(cut(photo, r, q));
                int[] ys = y.shape();
                if (ys.length != 4 || ys[0] != 1 || ys[2] != r.length() || ys[3] != q.length()) {
                    throw new IllegalArgumentException("FullResolution: model maps [1, " + c + ", " + r.length()
                            + ", " + q.length() + "] to " + Shapes.toString(ys) + ", not [1, K, " + r.length()
                            + ", " + q.length() + "]: not fully convolutional at stride " + s + "?");
                }
                if (out == null) {
                    out = Tensor.zeros(ys[1], h, w);
                }
                keepCore(y, r, q, out);
            }
        }
        return out;
    }

    /** {@code [C, H, W]} photo -> {@code [1, C, r.length, q.length]} window, padValue beyond the photo. */
    private Tensor cut(Tensor photo, TileAxis r, TileAxis q) {
        int c = photo.size(0);
        int h = photo.size(1);
        int w = photo.size(2);
        Tensor t = Tensor.full(config.padValue(), 1, c, r.length(), q.length());
        float[] src = photo.data();
        float[] dst = t.data();
        int so = photo.offset();
        int cols = Math.max(0, Math.min(w, q.start() + q.length()) - q.start());
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < r.length() && r.start() + y < h; y++) {
                System.arraycopy(src, so + (ch * h + r.start() + y) * w + q.start(),
                        dst, (ch * r.length() + y) * q.length(), cols);
            }
        }
        return t;
    }

    /** Copies the tile's core rows/columns that lie inside the photo into {@code out [K, H, W]}. */
    private static void keepCore(Tensor y, TileAxis r, TileAxis q, Tensor out) {
        int k = out.size(0);
        int h = out.size(1);
        int w = out.size(2);
        float[] src = y.data();
        int yo = y.offset();
        float[] dst = out.data();
        int rowTo = Math.min(h, r.coreTo());
        int colTo = Math.min(w, q.coreTo());
        for (int ch = 0; ch < k; ch++) {
            for (int row = r.coreFrom(); row < rowTo; row++) {
                int from = yo + (ch * r.length() + row - r.start()) * q.length() + q.coreFrom() - q.start();
                System.arraycopy(src, from, dst, (ch * h + row) * w + q.coreFrom(), colTo - q.coreFrom());
            }
        }
    }
}

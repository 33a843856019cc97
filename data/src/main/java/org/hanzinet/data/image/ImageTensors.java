package org.hanzinet.data.image;

import org.hanzinet.core.Tensor;

/**
 * Converts between {@link RgbImage} (HWC bytes) and float tensors {@code [3, H, W]} in RGB order.
 *
 * <p>The conversion transposes HWC to CHW: channel {@code c} of pixel {@code (x, y)} goes to
 * {@code out[c, y, x]}. (The seed reshaped the HWC buffer to 3 x H x W instead, which scrambles the
 * channels; it also kept OpenCV's BGR order.)
 */
public final class ImageTensors {
    private ImageTensors() {
    }

    /** {@code [H, W, 3]} bytes -> {@code [3, H, W]} floats, normalised. */
    public static Tensor toChw(RgbImage img, Normalization norm) {
        Tensor t = Tensor.zeros(3, img.height(), img.width());
        toChw(img, norm, t.data(), t.offset());
        return t;
    }

    /** Writes the {@code [3, H, W]} tensor of {@code img} into {@code out} from {@code offset}. */
    public static void toChw(RgbImage img, Normalization norm, float[] out, int offset) {
        int plane = img.width() * img.height();
        if (offset < 0 || (long) offset + 3L * plane > out.length) {
            throw new IllegalArgumentException("a [3, " + img.height() + ", " + img.width() + "] image at offset "
                    + offset + " does not fit an array of " + out.length);
        }
        float[][] lut = norm.lookupTables();
        float[] r = lut[0];
        float[] g = lut[1];
        float[] b = lut[2];
        byte[] src = img.bytes();
        int o1 = offset + plane;
        int o2 = offset + 2 * plane;
        for (int i = 0, j = 0; i < plane; i++, j += 3) {
            out[offset + i] = r[src[j] & 0xFF];
            out[o1 + i] = g[src[j + 1] & 0xFF];
            out[o2 + i] = b[src[j + 2] & 0xFF];
        }
    }

    /** {@code [3, H, W]} floats in [0, 1] (un-normalised) -> bytes, rounded and clamped; for overlays. */
    public static RgbImage fromChw(Tensor chw) {
        if (chw.dim() != 3 || chw.size(0) != 3) {
            throw new IllegalArgumentException("fromChw expects [3, H, W], got " + java.util.Arrays.toString(chw.shape()));
        }
        int h = chw.size(1);
        int w = chw.size(2);
        int plane = w * h;
        float[] d = chw.data();
        int off = chw.offset();
        byte[] rgb = new byte[plane * 3];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                float v = Math.max(0f, Math.min(1f, d[off + c * plane + i]));
                rgb[i * 3 + c] = (byte) Math.round(v * 255f);
            }
        }
        return new RgbImage(w, h, rgb);
    }
}

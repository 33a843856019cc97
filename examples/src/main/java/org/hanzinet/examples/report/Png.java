package org.hanzinet.examples.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.hanzinet.core.Tensor;

/** PNG writing and conversions between {@code [3, H, W]} RGB tensors in [0, 1] and images. */
public final class Png {
    private Png() {}

    /** Writes {@code img} as PNG through the data module's writer (parent folders created). */
    public static void write(BufferedImage img, Path file) throws IOException {
        try {
            org.hanzinet.data.image.Overlay.writePng(img, file);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** {@code [3, H, W]} RGB in [0, 1] -> 8-bit RGB image (channel 0 = red: no BGR, no scrambling). */
    public static BufferedImage fromRgb(Tensor chw) {
        if (chw.dim() != 3 || chw.size(0) != 3) {
            throw new IllegalArgumentException("expected an RGB image [3, H, W], got shape "
                    + java.util.Arrays.toString(chw.shape()));
        }
        int h = chw.size(1);
        int w = chw.size(2);
        float[] d = chw.data();
        int o = chw.offset();
        int plane = h * w;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = o + y * w + x;
                img.setRGB(x, y, rgb(d[i], d[i + plane], d[i + 2 * plane]));
            }
        }
        return img;
    }

    /** A single-channel map {@code [H, W]} (or {@code [1, H, W]}) in [0, 1] as a grey image. */
    public static BufferedImage fromGrey(Tensor map) {
        int h = map.size(map.dim() - 2);
        int w = map.size(map.dim() - 1);
        float[] d = map.data();
        int o = map.offset();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = d[o + y * w + x];
                img.setRGB(x, y, rgb(v, v, v));
            }
        }
        return img;
    }

    static int rgb(float r, float g, float b) {
        return (to8(r) << 16) | (to8(g) << 8) | to8(b);
    }

    static int to8(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255f)));
    }
}

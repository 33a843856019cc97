package org.hanzinet.data.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.io.AtomicFiles;

/**
 * Pictures for checking masks by eye: the photo dimmed, mask pixels tinted red, ignored pixels tinted
 * blue. Used to verify that annotations line up with the characters, and for prediction reports.
 */
public final class Overlay {
    private Overlay() {
    }

    /**
     * @param photo  the image
     * @param mask   {@code [1, H, W]} (or {@code [H, W]}) values in [0, 1], e.g. a target or a predicted probability
     * @param ignore {@code [1, H, W]} 1 = ignored, or null
     */
    public static BufferedImage render(RgbImage photo, Tensor mask, Tensor ignore) {
        int w = photo.width();
        int h = photo.height();
        check("mask", mask, w, h);
        if (ignore != null) {
            check("ignore", ignore, w, h);
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        byte[] px = photo.bytes();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float m = mask.data()[mask.offset() + i];
                float ig = ignore == null ? 0 : ignore.data()[ignore.offset() + i];
                double r = (px[3 * i] & 0xFF) * 0.6;
                double g = (px[3 * i + 1] & 0xFF) * 0.6;
                double b = (px[3 * i + 2] & 0xFF) * 0.6;
                r = r * (1 - 0.6 * m) + 255 * 0.6 * m;
                b = b * (1 - 0.6 * ig) + 255 * 0.6 * ig;
                out.setRGB(x, y, ((int) r << 16) | ((int) g << 8) | (int) b);
            }
        }
        return out;
    }

    /**
     * Writes {@code img} as PNG atomically ({@link AtomicFiles}: a full disk leaves the previous file, not
     * a truncated one), creating the parent folders; fails when no PNG writer is available.
     */
    public static Path writePng(BufferedImage img, Path file) {
        try {
            return AtomicFiles.writeStream(file, out -> {
                if (!ImageIO.write(img, "png", out)) {
                    throw new IOException("no PNG writer available");
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void check(String what, Tensor t, int w, int h) {
        if (t.numel() != w * h || t.size(-1) != w || t.size(-2) != h) {
            throw new IllegalArgumentException("overlay " + what + " must be [1, " + h + ", " + w + "], got "
                    + java.util.Arrays.toString(t.shape()));
        }
    }
}

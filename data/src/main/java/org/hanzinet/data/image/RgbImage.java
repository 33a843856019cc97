package org.hanzinet.data.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * A compact 8-bit RGB image: {@code width * height * 3} bytes, row-major, interleaved R, G, B
 * ({@code [H, W, 3]}, HWC). This is the form images are cached in: a quarter of the float tensor.
 */
public final class RgbImage {
    private final int width;
    private final int height;
    private final byte[] rgb;

    /** Wraps {@code rgb} (not copied): {@code [height, width, 3]} interleaved RGB bytes. */
    public RgbImage(int width, int height, byte[] rgb) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (rgb.length != (long) width * height * 3) {
            throw new IllegalArgumentException("a " + width + "x" + height + " RGB image needs " + (long) width * height * 3
                    + " bytes, got " + rgb.length);
        }
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing bytes, {@code [H, W, 3]} RGB; not a copy. */
    public byte[] bytes() {
        return rgb;
    }

    /** Channel {@code c} (0 = R, 1 = G, 2 = B) of pixel {@code (x, y)}, 0..255. */
    public int get(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xFF;
    }

    /** Memory held by the pixels, in bytes. */
    public long byteSize() {
        return rgb.length;
    }

    /** A {@link BufferedImage#TYPE_3BYTE_BGR} copy, for writing PNG/JPEG or drawing overlays. */
    public BufferedImage toBufferedImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        return img;
    }
}

package org.hanzinet.data.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes JPEG and PNG files (javax.imageio, headless) into {@link RgbImage}. Grayscale, paletted and
 * alpha images are converted to RGB (alpha dropped); CMYK/YCCK JPEGs are rejected with a clear message.
 * A decoder warning (truncated or corrupt data, which javax.imageio would otherwise paper over with
 * grey pixels) is an error. Thread-safe: every call uses its own reader.
 */
public final class ImageDecoder {
    /**
     * The most pixels an image may have: its RGB bytes (and javax.imageio's raster) must fit one Java
     * array, 3 bytes a pixel. A header claiming more is refused before any pixel is decoded.
     */
    public static final long MAX_PIXELS = (Integer.MAX_VALUE - 8) / 3;

    static {
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        ImageIO.setUseCache(false); // decode in memory, no temp files
    }

    private ImageDecoder() {
    }

    /** Decodes {@code file}, whatever its size. */
    public static RgbImage decode(Path file) {
        return decode(file, -1, -1);
    }

    /**
     * Decodes {@code file} and checks it is {@code expectedWidth x expectedHeight} (the size the
     * annotations declare; -1 to accept any). The size is checked before the pixels are decoded.
     */
    public static RgbImage decode(Path file, int expectedWidth, int expectedHeight) {
        if (Files.isDirectory(file)) {
            throw new ImageFormatException(file, "is a folder, not an image file", null);
        }
        try {
            if (Files.size(file) == 0) {
                throw new ImageFormatException(file, "empty file (0 bytes), not an image", null);
            }
        } catch (NoSuchFileException e) {
            throw new ImageFormatException(file, "image file not found", e);
        } catch (IOException e) {
            throw new ImageFormatException(file, "cannot read: " + e, e);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new ImageFormatException(file, "cannot be opened as an image stream", null);
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageFormatException(file, "not a JPEG or PNG image (no decoder recognises its header)", null);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return read(file, reader, expectedWidth, expectedHeight);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new ImageFormatException(file, "cannot decode: " + e.getMessage(), e);
        }
    }

    private static RgbImage read(Path file, ImageReader reader, int expectedWidth, int expectedHeight) throws IOException {
        String format = reader.getFormatName().toUpperCase(java.util.Locale.ROOT);
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        if ((long) w * h > MAX_PIXELS) {
            throw new ImageFormatException(file, String.format(java.util.Locale.ROOT, "%s header claims %d x %d = %,d pixels, "
                    + "more than the %,d an image may have (3 bytes a pixel in one Java array); not decoded",
                    format, w, h, (long) w * h, MAX_PIXELS), null);
        }
        if (expectedWidth >= 0 && (w != expectedWidth || h != expectedHeight)) {
            throw new ImageFormatException(file, "declared size " + expectedWidth + "x" + expectedHeight
                    + " differs from the real size " + w + "x" + h, null);
        }
        List<String> warnings = new ArrayList<>();
        IIOReadWarningListener listener = (source, warning) -> warnings.add(warning);
        reader.addIIOReadWarningListener(listener);
        BufferedImage img;
        try {
            img = reader.read(0);
        } catch (IIOException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("Unsupported Image Type") || msg.contains("Unsupported Color Conversion")) {
                throw new ImageFormatException(file, format + " with an unsupported colour model (CMYK or YCCK?): "
                        + "convert it to RGB or grayscale", e);
            }
            throw new ImageFormatException(file, "corrupt " + format + ": " + msg, e);
        }
        if (!warnings.isEmpty()) {
            throw new ImageFormatException(file, "corrupt or truncated " + format + ": " + String.join("; ", warnings), null);
        }
        ColorSpace cs = img.getColorModel().getColorSpace();
        if (cs.getType() == ColorSpace.TYPE_CMYK || cs.getNumComponents() == 4) {
            // javax.imageio decodes CMYK/YCCK JPEGs on JDK 17+, but converts them without the file's colour
            // profile (and ignores Adobe's inverted CMYK), so the colours cannot be trusted.
            throw new ImageFormatException(file, format + " in CMYK/YCCK (4 channels) is not supported: convert it to RGB", null);
        }
        return toRgb(img);
    }

    /** Converts any {@link BufferedImage} to interleaved RGB bytes; fast paths for 3-byte BGR and gray. */
    public static RgbImage toRgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] rgb = new byte[w * h * 3];
        Raster raster = img.getRaster();
        if (img.getType() == BufferedImage.TYPE_3BYTE_BGR && isPacked(raster, 3, w)) {
            byte[] bgr = ((DataBufferByte) raster.getDataBuffer()).getData();
            for (int i = 0; i < rgb.length; i += 3) {
                rgb[i] = bgr[i + 2];
                rgb[i + 1] = bgr[i + 1];
                rgb[i + 2] = bgr[i];
            }
        } else if (img.getType() == BufferedImage.TYPE_BYTE_GRAY && isPacked(raster, 1, w)) {
            byte[] gray = ((DataBufferByte) raster.getDataBuffer()).getData();
            for (int i = 0, j = 0; i < w * h; i++, j += 3) {
                rgb[j] = gray[i];
                rgb[j + 1] = gray[i];
                rgb[j + 2] = gray[i];
            }
        } else {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                img.getRGB(0, y, w, 1, row, 0, w); // colour-managed conversion to sRGB, alpha dropped below
                for (int x = 0, j = y * w * 3; x < w; x++, j += 3) {
                    rgb[j] = (byte) (row[x] >> 16);
                    rgb[j + 1] = (byte) (row[x] >> 8);
                    rgb[j + 2] = (byte) row[x];
                }
            }
        }
        return new RgbImage(w, h, rgb);
    }

    private static boolean isPacked(Raster r, int bands, int width) {
        return r.getSampleModel() instanceof ComponentSampleModel sm && sm.getPixelStride() == bands
                && sm.getScanlineStride() == width * bands && r.getSampleModelTranslateX() == 0
                && r.getSampleModelTranslateY() == 0 && r.getDataBuffer().getNumBanks() == 1
                && r.getDataBuffer().getOffset() == 0;
    }
}

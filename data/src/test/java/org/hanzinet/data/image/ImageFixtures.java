package org.hanzinet.data.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Small images with known content, written as PNG or JPEG for decoder tests. */
public final class ImageFixtures {
    /** Quadrant colours: top-left red, top-right green, bottom-left blue, bottom-right yellow. */
    public static final Color[] QUADRANTS = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW};

    private ImageFixtures() {
    }

    /** A {@code w x h} image whose four quadrants have the {@link #QUADRANTS} colours. */
    public static BufferedImage quadrants(int w, int h, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        Graphics2D g = img.createGraphics();
        int hw = w / 2;
        int hh = h / 2;
        g.setColor(QUADRANTS[0]);
        g.fillRect(0, 0, hw, hh);
        g.setColor(QUADRANTS[1]);
        g.fillRect(hw, 0, w - hw, hh);
        g.setColor(QUADRANTS[2]);
        g.fillRect(0, hh, hw, h - hh);
        g.setColor(QUADRANTS[3]);
        g.fillRect(hw, hh, w - hw, h - hh);
        g.dispose();
        return img;
    }

    public static Path png(BufferedImage img, Path file) {
        try {
            if (!ImageIO.write(img, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path jpeg(BufferedImage img, Path file, float quality) {
        return writeJpeg(new IIOImage(img, null, null), file, quality);
    }

    /** A 4-channel (CMYK-like) JPEG, which javax.imageio cannot turn into an RGB image. */
    public static Path cmykJpeg(int w, int h, Path file) {
        WritableRaster r = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, w, h, 4, null);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.setPixel(x, y, new int[] {x % 256, y % 256, 40, 200});
            }
        }
        return writeJpeg(new IIOImage(r, null, null), file, 0.9f);
    }

    private static Path writeJpeg(IIOImage image, Path file, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.write(null, image, p);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }
}

package org.hanzinet.data.augment;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.hanzinet.core.Rng;
import org.hanzinet.data.dataset.Sample;

/**
 * Re-compresses the image as a JPEG of quality uniform in {@code [minQuality, maxQuality]} (1 to 100,
 * as albumentations' {@code ImageCompression}) through the JDK's ImageIO, in memory, and decodes it:
 * blocking and ringing like a photo sent through a phone. Masks are unchanged.
 *
 * @param minQuality in [1, 100]
 * @param maxQuality in [minQuality, 100]
 */
public record JpegCompression(int minQuality, int maxQuality) implements Augmentation {
    public JpegCompression {
        Check.inRange("JpegCompression.minQuality", minQuality, 1, 100);
        Check.inRange("JpegCompression.maxQuality", maxQuality, 1, 100);
        Check.ordered("JpegCompression quality", minQuality, maxQuality);
    }

    @Override
    public Sample apply(Sample in, Rng rng) {
        int quality = minQuality + rng.nextInt(maxQuality - minQuality + 1);
        int w = in.width();
        int h = in.height();
        int n = w * h;
        float[] rgb = in.image().toArray(); // [3, H, W]
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                bgr[3 * i + 2 - c] = (byte) Math.round(Math.max(0, Math.min(1, rgb[c * n + i])) * 255);
            }
        }
        BufferedImage back = decode(encode(img, quality / 100f));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = back.getRGB(x, y);
                int i = y * w + x;
                rgb[i] = ((p >> 16) & 0xFF) / 255f;
                rgb[n + i] = ((p >> 8) & 0xFF) / 255f;
                rgb[2 * n + i] = (p & 0xFF) / 255f;
            }
        }
        return Photometric.withImage(in, rgb);
    }

    private static byte[] encode(BufferedImage img, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG re-compression at quality " + quality + " failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static BufferedImage decode(byte[] jpeg) {
        try {
            return ImageIO.read(new ByteArrayInputStream(jpeg));
        } catch (IOException e) {
            throw new UncheckedIOException("decoding a re-compressed JPEG of " + jpeg.length + " bytes failed", e);
        }
    }
}

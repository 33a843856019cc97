package org.hanzinet.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.hanzinet.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {
    @TempDir
    Path dir;

    /** Checks every quadrant's centre pixel in every channel of a [3, H, W] tensor. */
    static void assertQuadrants(Tensor chw, double tolerance) {
        int h = chw.size(1);
        int w = chw.size(2);
        int[][] centres = {{w / 4, h / 4}, {3 * w / 4, h / 4}, {w / 4, 3 * h / 4}, {3 * w / 4, 3 * h / 4}};
        for (int q = 0; q < 4; q++) {
            Color c = ImageFixtures.QUADRANTS[q];
            float[] expected = {c.getRed() / 255f, c.getGreen() / 255f, c.getBlue() / 255f};
            for (int ch = 0; ch < 3; ch++) {
                assertThat((double) chw.get(ch, centres[q][1], centres[q][0]))
                        .as("quadrant %d channel %d", q, ch)
                        .isCloseTo(expected[ch], org.assertj.core.data.Offset.offset(tolerance));
            }
        }
    }

    @Test
    void pngQuadrantsKeepTheirColoursThroughHwcToChw() {
        Path f = ImageFixtures.png(ImageFixtures.quadrants(37, 22, BufferedImage.TYPE_INT_RGB), dir.resolve("q.png"));
        RgbImage img = ImageDecoder.decode(f, 37, 22);
        Tensor chw = ImageTensors.toChw(img, Normalization.UNIT);
        assertThat(chw.shape()).containsExactly(3, 22, 37);
        assertQuadrants(chw, 0);
        // The seed's reshape of the HWC buffer would put R, G, B of the first pixel in three pixels of plane 0.
        float[] wrong = new float[chw.numel()];
        for (int i = 0; i < wrong.length; i++) {
            wrong[i] = (img.bytes()[i] & 0xFF) / 255f;
        }
        assertThat(wrong).isNotEqualTo(chw.toArray());
    }

    @Test
    void jpegQuadrantsKeepTheirColours() {
        Path f = ImageFixtures.jpeg(ImageFixtures.quadrants(64, 48, BufferedImage.TYPE_3BYTE_BGR), dir.resolve("q.jpg"), 0.95f);
        assertQuadrants(ImageTensors.toChw(ImageDecoder.decode(f), Normalization.UNIT), 0.03);
    }

    @Test
    void normalisationAppliesMeanAndStdPerChannel() {
        Path f = ImageFixtures.png(ImageFixtures.quadrants(8, 8, BufferedImage.TYPE_INT_RGB), dir.resolve("q.png"));
        Tensor t = ImageTensors.toChw(ImageDecoder.decode(f), Normalization.IMAGENET);
        assertThat(t.get(0, 1, 1)).isCloseTo((1f - 0.485f) / 0.229f, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(t.get(2, 1, 1)).isCloseTo((0f - 0.406f) / 0.225f, org.assertj.core.data.Offset.offset(1e-5f));
        assertThatThrownBy(() -> new Normalization(new float[3], new float[] {1, 0, 1})).hasMessageContaining("std");
    }

    @Test
    void grayscaleAndPalettedImagesBecomeRgb() {
        BufferedImage gray = new BufferedImage(5, 4, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(2, 1, 0, 200);
        RgbImage g = ImageDecoder.decode(ImageFixtures.png(gray, dir.resolve("g.png")));
        assertThat(new int[] {g.get(2, 1, 0), g.get(2, 1, 1), g.get(2, 1, 2)}).containsExactly(200, 200, 200);
        RgbImage gj = ImageDecoder.decode(ImageFixtures.jpeg(gray, dir.resolve("g.jpg"), 1f));
        assertThat(gj.get(0, 0, 0)).isEqualTo(gj.get(0, 0, 2));

        BufferedImage argb = ImageFixtures.quadrants(10, 10, BufferedImage.TYPE_INT_ARGB);
        assertQuadrants(ImageTensors.toChw(ImageDecoder.decode(ImageFixtures.png(argb, dir.resolve("a.png"))), Normalization.UNIT), 0);
        BufferedImage indexed = ImageFixtures.quadrants(10, 10, BufferedImage.TYPE_BYTE_INDEXED);
        assertQuadrants(ImageTensors.toChw(ImageDecoder.decode(ImageFixtures.png(indexed, dir.resolve("i.png"))), Normalization.UNIT), 0);
    }

    @Test
    void cmykJpegIsRejectedClearly() {
        Path f = ImageFixtures.cmykJpeg(16, 16, dir.resolve("cmyk.jpg"));
        assertThatThrownBy(() -> ImageDecoder.decode(f))
                .isInstanceOf(ImageFormatException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("CMYK");
    }

    @Test
    void declaredSizeMustMatchTheRealOne() {
        Path f = ImageFixtures.png(ImageFixtures.quadrants(20, 10, BufferedImage.TYPE_INT_RGB), dir.resolve("s.png"));
        assertThatThrownBy(() -> ImageDecoder.decode(f, 2048, 2048))
                .isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("declared size 2048x2048 differs from the real size 20x10");
    }

    @Test
    void missingEmptyTruncatedAndForeignFilesAreNamed() throws IOException {
        Path missing = dir.resolve("missing.jpg");
        assertThatThrownBy(() -> ImageDecoder.decode(missing)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining(missing + ": image file not found");
        Path empty = Files.createFile(dir.resolve("empty.jpg"));
        assertThatThrownBy(() -> ImageDecoder.decode(empty)).hasMessageContaining("0 bytes");
        Path text = Files.writeString(dir.resolve("text.jpg"), "hello, not an image");
        assertThatThrownBy(() -> ImageDecoder.decode(text)).hasMessageContaining("not a JPEG or PNG");

        Path full = ImageFixtures.jpeg(ImageFixtures.quadrants(200, 200, BufferedImage.TYPE_3BYTE_BGR), dir.resolve("f.jpg"), 0.9f);
        byte[] bytes = Files.readAllBytes(full);
        Path truncated = Files.write(dir.resolve("t.jpg"), Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> ImageDecoder.decode(truncated)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining(truncated.toString()).hasMessageContaining("JPEG");
        Path header = Files.write(dir.resolve("h.jpg"), Arrays.copyOf(bytes, 30));
        assertThatThrownBy(() -> ImageDecoder.decode(header)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining(header.toString());
    }

    @Test
    void aFolderNamedLikeAPhotoIsNamedNotDecoded() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("x.jpg"));
        assertThatThrownBy(() -> ImageDecoder.decode(folder)).isInstanceOf(ImageFormatException.class)
                .hasMessage(folder + ": is a folder, not an image file");
    }

    @Test
    void aHeaderClaimingMorePixelsThanFitAnArrayIsRefusedBeforeDecoding() throws IOException {
        Path small = ImageFixtures.jpeg(ImageFixtures.quadrants(16, 16, BufferedImage.TYPE_3BYTE_BGR), dir.resolve("s.jpg"), 0.9f);
        byte[] bytes = Files.readAllBytes(small);
        int sof = -1;
        for (int i = 0; i + 1 < bytes.length && sof < 0; i++) {
            if ((bytes[i] & 0xFF) == 0xFF && (bytes[i + 1] & 0xFF) == 0xC0) {
                sof = i;
            }
        }
        assertThat(sof).as("baseline JPEG start-of-frame marker").isPositive();
        // FF C0, length (2), precision (1), height (2), width (2): claim 30000 x 30000.
        for (int at : new int[] {sof + 5, sof + 7}) {
            bytes[at] = (byte) (30000 >> 8);
            bytes[at + 1] = (byte) 30000;
        }
        Path huge = Files.write(dir.resolve("huge.jpg"), bytes);
        assertThatThrownBy(() -> ImageDecoder.decode(huge)).isInstanceOf(ImageFormatException.class)
                .hasMessage(huge + ": JPEG header claims 30000 x 30000 = 900,000,000 pixels, more than the 715,827,879 "
                        + "an image may have (3 bytes a pixel in one Java array); not decoded");
    }

    @Test
    void fromChwInvertsToChw() {
        RgbImage img = ImageDecoder.decode(ImageFixtures.png(ImageFixtures.quadrants(9, 7, BufferedImage.TYPE_INT_RGB), dir.resolve("q.png")));
        assertThat(ImageTensors.fromChw(ImageTensors.toChw(img, Normalization.UNIT)).bytes()).containsExactly(img.bytes());
    }
}

package org.hanzinet.data.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hanzinet.core.Tensor;
import org.hanzinet.data.ctw.CtwCharacter;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.data.ctw.Polygon;
import org.hanzinet.data.mask.Masks;
import org.junit.jupiter.api.Test;

class ResizeTest {
    static RgbImage gray(int w, int h, int... values) {
        byte[] b = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            b[3 * i] = b[3 * i + 1] = b[3 * i + 2] = (byte) values[i];
        }
        return new RgbImage(w, h, b);
    }

    @Test
    void shrinkingByTwoAveragesBlocks() {
        RgbImage src = gray(4, 2, 0, 100, 10, 20, 200, 40, 30, 30);
        RgbImage out = Resize.to(src, 2, 1);
        assertThat(out.get(0, 0, 0)).isEqualTo((0 + 100 + 200 + 40 + 2) / 4); // 85.0 -> 85
        assertThat(out.get(1, 0, 1)).isEqualTo(Math.round((10 + 20 + 30 + 30) / 4f));
    }

    @Test
    void fractionalShrinkWeighsPartialCoverage() {
        // 3 -> 2: output 0 covers [0, 1.5): 1 * v0 + 0.5 * v1 over 1.5.
        RgbImage out = Resize.to(gray(3, 1, 30, 90, 150), 2, 1);
        assertThat(out.get(0, 0, 0)).isEqualTo(50);
        assertThat(out.get(1, 0, 0)).isEqualTo(130);
    }

    @Test
    void uniformImagesStayUniformAtAnySize() {
        int[] v = new int[13 * 11];
        java.util.Arrays.fill(v, 77);
        RgbImage src = gray(13, 11, v);
        for (int[] size : new int[][] {{5, 4}, {13, 3}, {29, 40}, {1, 1}}) {
            RgbImage out = Resize.to(src, size[0], size[1]);
            for (byte b : out.bytes()) {
                assertThat(b & 0xFF).isEqualTo(77);
            }
        }
    }

    @Test
    void polygonsScaleLikeThePixels() {
        // A white rectangle on black: after shrinking, the mask of the scaled polygon sits on the bright pixels.
        int w = 300;
        int h = 200;
        int[] v = new int[w * h];
        Polygon p = Polygon.rectangle(60, 40, 120, 80);
        for (int y = 40; y < 120; y++) {
            for (int x = 60; x < 180; x++) {
                v[y * w + x] = 255;
            }
        }
        RgbImage small = Resize.to(gray(w, h, v), 75, 50);
        CtwImage img = new CtwImage("r", "r.png", w, h, List.of(new CtwCharacter(p, null, true, "\u53e3", List.of())), List.of());
        Tensor mask = Masks.characters(img, 75, 50);
        Tensor pixels = ImageTensors.toChw(small, Normalization.UNIT);
        for (int y = 0; y < 50; y++) {
            for (int x = 0; x < 75; x++) {
                assertThat(pixels.get(0, y, x)).as("pixel %d,%d", x, y).isEqualTo(mask.get(0, y, x));
            }
        }
    }
}

package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.hanzinet.core.Tensor;
import org.hanzinet.examples.data.CtwData;
import org.hanzinet.examples.report.PredictionOverlay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's overlays were meaningless because of scrambled channels; ours must keep every colour in place. */
class PredictionOverlayTest {
    private static final int[] QUADRANTS = {0xff0000, 0x00ff00, 0x0000ff, 0xffff00}; // TL, TR, BL, BR

    @TempDir
    Path tmp;

    @Test
    void quadrantColoursRoundTripFromFileToTheOverlaysPhotoPanel() throws IOException {
        int s = 16;
        BufferedImage src = new BufferedImage(s, s, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                src.setRGB(x, y, QUADRANTS[(y < s / 2 ? 0 : 2) + (x < s / 2 ? 0 : 1)]);
            }
        }
        Path file = tmp.resolve("quadrants.png");
        ImageIO.write(src, "png", file.toFile());

        Tensor photo = CtwData.loadPhoto(file, s);
        assertThat(photo.get(0, 0, 0)).as("red channel of the red quadrant").isEqualTo(1f);
        assertThat(photo.get(2, 0, 0)).as("blue channel of the red quadrant").isEqualTo(0f);
        Tensor mask = Tensor.zeros(1, s, s);
        mask.set(1f, 0, 4, 12); // one character pixel in the green quadrant
        BufferedImage ov = PredictionOverlay.render(photo, Tensor.zeros(1, s, s), mask, null);
        int f = PredictionOverlay.scaleFor(s);
        assertThat(ov.getWidth()).isEqualTo(2 * s * f);
        assertThat(ov.getHeight()).isEqualTo(s * f);
        for (int q = 0; q < 4; q++) {
            int cx = (q % 2 == 0 ? s / 4 : 3 * s / 4) * f + f / 2;
            int cy = (q < 2 ? s / 4 : 3 * s / 4) * f + f / 2 + (q == 1 ? f : 0);
            assertThat(ov.getRGB(cx, cy) & 0xffffff).as("photo panel, quadrant " + q)
                    .isEqualTo(QUADRANTS[q]);
        }
        // The ground-truth outline sits on pixel (x=12, y=4) in the right panel, not anywhere else.
        int ox = s * f + 12 * f;
        assertThat(ov.getRGB(ox, 4 * f) & 0xffffff).isEqualTo(0x00e000);
        assertThat(ov.getRGB(s * f + 4 * f, 12 * f) & 0xffffff).isNotEqualTo(0x00e000);
    }
}

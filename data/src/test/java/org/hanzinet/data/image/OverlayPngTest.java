package org.hanzinet.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PNG output is atomic: a write that fails midway (a full disk, here a failing image) keeps the old file. */
class OverlayPngTest {
    @TempDir
    Path dir;

    @Test
    void aPngWriteThatFailsMidwayLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("overlays/00-a.png");
        Overlay.writePng(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), f);
        byte[] before = Files.readAllBytes(f);

        BufferedImage failing = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB) {
            @Override
            public Raster getData(Rectangle rect) {
                if (rect.y >= 32) {
                    throw new UncheckedIOException(new IOException("No space left on device"));
                }
                return super.getData(rect);
            }
        };
        failing.setRGB(3, 3, 0xFF0000);
        assertThatThrownBy(() -> Overlay.writePng(failing, f)).hasMessageContaining("00-a.png")
                .hasStackTraceContaining("No space left on device");
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
        assertThat(ImageIO.read(f.toFile()).getWidth()).isEqualTo(64);
        try (Stream<Path> s = Files.list(f.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("00-a.png");
        }
    }
}

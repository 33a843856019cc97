package org.hanzinet.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
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

    /**
     * An image whose pixels cannot be read once armed, however the JDK's PNG writer asks for them (JDK 17
     * reads rows through getData(Rectangle), JDK 25 through the raster): a stand-in for a disk that fills up.
     */
    static final class FailingImage extends BufferedImage {
        boolean armed;

        FailingImage() {
            super(64, 64, BufferedImage.TYPE_INT_RGB);
        }

        private void fail() {
            if (armed) {
                throw new UncheckedIOException(new IOException("No space left on device"));
            }
        }

        @Override
        public Raster getData(Rectangle rect) {
            if (rect.y >= 32) {
                fail();
            }
            return super.getData(rect);
        }

        @Override
        public Raster getData() {
            fail();
            return super.getData();
        }

        @Override
        public WritableRaster getRaster() {
            fail();
            return super.getRaster();
        }

        @Override
        public Raster getTile(int x, int y) {
            fail();
            return super.getTile(x, y);
        }

        @Override
        public WritableRaster copyData(WritableRaster outRaster) {
            fail();
            return super.copyData(outRaster);
        }
    }

    @Test
    void aPngWriteThatFailsMidwayLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("overlays/00-a.png");
        Overlay.writePng(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), f);
        byte[] before = Files.readAllBytes(f);

        FailingImage failing = new FailingImage();
        failing.setRGB(3, 3, 0xFF0000);
        failing.armed = true;
        assertThatThrownBy(() -> Overlay.writePng(failing, f)).hasMessageContaining("00-a.png")
                .hasStackTraceContaining("No space left on device");
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
        assertThat(ImageIO.read(f.toFile()).getWidth()).isEqualTo(64);
        try (Stream<Path> s = Files.list(f.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("00-a.png");
        }
    }
}

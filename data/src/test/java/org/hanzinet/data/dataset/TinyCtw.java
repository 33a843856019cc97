package org.hanzinet.data.dataset;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hanzinet.data.ctw.BoundingBox;
import org.hanzinet.data.ctw.CtwCharacter;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.data.ctw.IgnoreRegion;
import org.hanzinet.data.ctw.Polygon;
import org.hanzinet.data.image.ImageFixtures;

/** Writes small PNG images with white squares where their characters are, and their annotations. */
final class TinyCtw {
    private TinyCtw() {
    }

    /** {@code n} images of {@code w x h}; image {@code i} has {@code i % 3 + 1} characters and one ignore region. */
    static List<CtwImage> write(Path dir, int n, int w, int h) {
        List<CtwImage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(20 + i, 40, 60));
            g.fillRect(0, 0, w, h);
            g.setColor(Color.WHITE);
            List<CtwCharacter> chars = new ArrayList<>();
            for (int c = 0; c <= i % 3; c++) {
                int x = 2 + c * (w / 4);
                int y = 2 + (i % 2) * (h / 3);
                int s = Math.max(2, w / 6);
                g.fillRect(x, y, s, s);
                chars.add(new CtwCharacter(Polygon.rectangle(x, y, s, s), new BoundingBox(x, y, s, s), true,
                        String.valueOf((char) (0x4e00 + c)), List.of()));
            }
            g.dispose();
            String name = String.format("img%03d.png", i);
            ImageFixtures.png(img, dir.resolve(name));
            Polygon ign = Polygon.rectangle(w - 4, h - 4, 3, 3);
            out.add(new CtwImage(name.replace(".png", ""), name, w, h, chars, List.of(new IgnoreRegion(BoundingBox.of(ign), ign))));
        }
        return out;
    }
}

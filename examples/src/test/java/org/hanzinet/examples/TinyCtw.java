package org.hanzinet.examples;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * A tiny CTW-format set for tests: {@code train.jsonl} + PNG photos (lossless, so colours are exact) with
 * bright rectangles as "characters" on a dark background; every third image has an ignore region.
 */
final class TinyCtw {
    private TinyCtw() {}

    static Path write(Path dir, int count, int size, long seed) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom r = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(30 + r.nextInt(30), 30 + r.nextInt(30), 40));
            g.fillRect(0, 0, size, size);
            StringBuilder chars = new StringBuilder();
            int n = 1 + r.nextInt(3);
            for (int c = 0; c < n; c++) {
                int w = size / 6 + r.nextInt(size / 6);
                int x = r.nextInt(size - w);
                int y = r.nextInt(size - w);
                g.setColor(new Color(220, 200 + r.nextInt(50), 60));
                g.fillRect(x, y, w, w);
                chars.append(c == 0 ? "" : ",").append(String.format(Locale.ROOT,
                        "{\"polygon\":[[%d,%d],[%d,%d],[%d,%d],[%d,%d]],\"text\":\"字\",\"is_chinese\":true,"
                                + "\"attributes\":[],\"adjusted_bbox\":[%d,%d,%d,%d]}",
                        x, y, x + w, y, x + w, y + w, x, y + w, x, y, w, w));
            }
            g.dispose();
            String id = String.format(Locale.ROOT, "%07d", i);
            ImageIO.write(img, "png", dir.resolve(id + ".png").toFile());
            String ignore = i % 3 == 0 ? String.format(Locale.ROOT,
                    "{\"polygon\":[[0,0],[%d,0],[%d,%d],[0,%d]],\"bbox\":[0,0,%d,%d]}", size / 8, size / 8, size / 8,
                    size / 8, size / 8, size / 8) : "";
            lines.add(String.format(Locale.ROOT, "{\"image_id\":\"%s\",\"file_name\":\"%s.png\",\"width\":%d,\"height\":%d,"
                    + "\"annotations\":[[%s]],\"ignore\":[%s]}", id, id, size, size, chars, ignore));
        }
        Files.write(dir.resolve("train.jsonl"), lines);
        return dir;
    }
}

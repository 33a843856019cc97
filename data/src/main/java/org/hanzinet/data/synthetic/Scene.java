package org.hanzinet.data.synthetic;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;
import org.hanzinet.core.Rng;
import org.hanzinet.data.ctw.BoundingBox;
import org.hanzinet.data.ctw.CtwCharacter;
import org.hanzinet.data.ctw.CtwJsonWriter;
import org.hanzinet.data.ctw.IgnoreRegion;
import org.hanzinet.data.ctw.Polygon;

/**
 * One synthetic street picture with its CTW annotations: a procedural background, then signs (lines
 * of hanzi, sometimes Latin letters and digits, horizontal or vertical, on a board or straight on the
 * wall) put in with rotation and perspective, then faint unreadable text marked as ignore regions.
 */
final class Scene {
    final BufferedImage image;
    final List<List<CtwCharacter>> sentences = new ArrayList<>();
    final List<IgnoreRegion> ignores = new ArrayList<>();
    private final int[] pixels;
    private final List<double[]> occupied = new ArrayList<>(); // x0, y0, x1, y1 of every placed sign
    private final GlyphSet glyphs = GlyphSet.get();

    private Scene(int size) {
        image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    /** Draws a picture of {@code size x size} pixels; the same {@code rng} state gives the same scene. */
    static Scene generate(int size, Rng rng) {
        Scene s = new Scene(size);
        BackgroundPainter.paint(s.image, rng);
        int targetChars = 12 + rng.nextInt(30);
        int chars = 0;
        for (int attempt = 0; attempt < 120 && chars < targetChars; attempt++) {
            chars += s.placeSentence(rng);
        }
        int ignoreRegions = rng.nextDouble() < 0.5 ? 1 + rng.nextInt(2) : 0;
        for (int attempt = 0; attempt < 20 && s.ignores.size() < ignoreRegions; attempt++) {
            s.placeIgnoreRegion(rng);
        }
        return s;
    }

    /** Antialiased, fractional-metrics graphics (deterministic for a given JDK). */
    static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        return g;
    }

    private int placeSentence(Rng rng) {
        boolean latin = rng.nextDouble() < 0.12;
        boolean vertical = !latin && rng.nextDouble() < 0.15;
        double size = CharacterSizes.sample(rng, image.getWidth());
        int n = latin ? 2 + rng.nextInt(7) : 1 + rng.nextInt(8);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            texts.add(latin || rng.nextDouble() < 0.04 ? pick(GlyphSet.LATIN, rng) : pick(glyphs.hanzi, rng));
        }
        boolean board = rng.nextDouble() < 0.6;
        double gap = rng.uniform(0.05f, 0.35f);
        double margin = board ? rng.uniform(0.2f, 0.6f) : 0.15;
        // A long line that does not fit is shortened rather than dropped, so that big characters are not under-represented.
        for (int len = texts.size(); len >= 1; len = len / 2) {
            List<String> line = texts.subList(0, len);
            for (int t = 0; t < 12; t++) {
                SignLayout layout = SignLayout.of(line, glyphs.font, size, vertical, gap, margin);
                Placement p = Placement.random(layout.width, layout.height, image.getWidth(), image.getHeight(), rng);
                if (p == null) {
                    continue;
                }
                // Rotation and perspective change the boxes' size: scale the text so that the annotated
                // characters (the longer side of their axis-aligned box) come out at the sampled size.
                double ratio = meanLongSide(characters(layout, p)) / size;
                layout = SignLayout.of(line, glyphs.font, size / ratio, vertical, gap, margin);
                p = p.withTile(layout.width, layout.height, image.getWidth(), image.getHeight());
                if (p != null && isFree(p)) {
                    occupied.add(p.box);
                    draw(layout, p, board, 1f, rng);
                    sentences.add(characters(layout, p));
                    return len;
                }
            }
        }
        return 0;
    }

    private static double meanLongSide(List<CtwCharacter> chars) {
        double sum = 0;
        for (CtwCharacter c : chars) {
            Polygon p = c.polygon();
            sum += Math.max(p.maxX() - p.minX(), p.maxY() - p.minY());
        }
        return sum / chars.size();
    }

    private boolean isFree(Placement p) {
        return occupied.stream().noneMatch(o -> overlaps(o, p.box));
    }

    private void placeIgnoreRegion(Rng rng) {
        // Small, faint, unreadable text: CTW marks such text as "ignore" instead of annotating it.
        double size = Math.max(CharacterSizes.MIN_PIXELS, image.getWidth() * rng.uniform(0.003f, 0.008f));
        List<String> texts = new ArrayList<>();
        for (int i = 0, n = 3 + rng.nextInt(10); i < n; i++) {
            texts.add(pick(glyphs.hanzi, rng));
        }
        SignLayout layout = SignLayout.of(texts, glyphs.font, size, false, 0.1, 0.3);
        Placement p = place(layout, rng, 8);
        if (p != null) {
            draw(layout, p, false, rng.uniform(0.25f, 0.5f), rng);
            Polygon quad = new Polygon(new double[] {p.quad[0], p.quad[2], p.quad[4], p.quad[6]},
                    new double[] {p.quad[1], p.quad[3], p.quad[5], p.quad[7]});
            ignores.add(new IgnoreRegion(BoundingBox.of(quad), quad));
        }
    }

    private void draw(SignLayout layout, Placement p, boolean board, float alpha, Rng rng) {
        Color under = board ? Palette.sign(rng) : meanColour(p.quad);
        int[] tile = layout.draw(board ? under : null, Palette.readableOn(under, rng), alpha);
        Warp.draw(pixels, image.getWidth(), image.getHeight(), tile, layout.width, layout.height, p.toScene, p.quad);
    }

    private List<CtwCharacter> characters(SignLayout layout, Placement p) {
        List<CtwCharacter> out = new ArrayList<>();
        double[] q = new double[2];
        double pad = SignLayout.PAD * layout.font.getSize2D();
        for (int i = 0; i < layout.texts.size(); i++) {
            double[] b = layout.glyphs.get(i);
            double[][] corners = {{b[2] - pad, b[3] - pad}, {b[4] + pad, b[3] - pad}, {b[4] + pad, b[5] + pad}, {b[2] - pad, b[5] + pad}};
            double[] xs = new double[4];
            double[] ys = new double[4];
            for (int k = 0; k < 4; k++) {
                p.toScene.map(corners[k][0], corners[k][1], q);
                xs[k] = round3(q[0]);
                ys[k] = round3(q[1]);
            }
            Polygon poly = new Polygon(xs, ys);
            String text = layout.texts.get(i);
            List<String> attrs = new ArrayList<>();
            if (p.distorted) {
                attrs.add("distorted");
            }
            out.add(new CtwCharacter(poly, CtwJsonWriter.adjustedBbox(poly), isChinese(text), text, attrs));
        }
        return out;
    }

    /** CTW's {@code is_chinese}: a CJK Unified Ideograph (basic block or extensions). */
    static boolean isChinese(String text) {
        int cp = text.codePointAt(0);
        Character.UnicodeBlock b = Character.UnicodeBlock.of(cp);
        return text.codePointCount(0, text.length()) == 1 && (b == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS
                || b == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS_EXTENSION_A
                || b == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS_EXTENSION_B);
    }

    private Placement place(SignLayout layout, Rng rng, int tries) {
        for (int t = 0; t < tries; t++) {
            Placement p = Placement.random(layout.width, layout.height, image.getWidth(), image.getHeight(), rng);
            if (p != null && isFree(p)) {
                occupied.add(p.box);
                return p;
            }
        }
        return null;
    }

    private static boolean overlaps(double[] a, double[] b) {
        return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    }

    private Color meanColour(double[] quad) {
        int w = image.getWidth();
        int x0 = (int) Math.max(0, Math.min(Math.min(quad[0], quad[2]), Math.min(quad[4], quad[6])));
        int x1 = (int) Math.min(w - 1, Math.max(Math.max(quad[0], quad[2]), Math.max(quad[4], quad[6])));
        int y0 = (int) Math.max(0, Math.min(Math.min(quad[1], quad[3]), Math.min(quad[5], quad[7])));
        int y1 = (int) Math.min(image.getHeight() - 1, Math.max(Math.max(quad[1], quad[3]), Math.max(quad[5], quad[7])));
        long r = 0, g = 0, b = 0, n = 0;
        int step = Math.max(1, (x1 - x0) / 16);
        for (int y = y0; y <= y1; y += step) {
            for (int x = x0; x <= x1; x += step) {
                int p = pixels[y * w + x];
                r += (p >> 16) & 0xFF;
                g += (p >> 8) & 0xFF;
                b += p & 0xFF;
                n++;
            }
        }
        return n == 0 ? Color.GRAY : new Color((int) (r / n), (int) (g / n), (int) (b / n));
    }

    private static String pick(String chars, Rng rng) {
        return String.valueOf(chars.charAt(rng.nextInt(chars.length())));
    }

    static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}

package org.hanzinet.data.synthetic;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hanzinet.core.Rng;
import org.hanzinet.data.ctw.BoundingBox;
import org.hanzinet.data.ctw.CtwCharacter;
import org.hanzinet.data.ctw.IgnoreRegion;
import org.hanzinet.data.ctw.Polygon;

/**
 * One synthetic street picture with its CTW annotations: a procedural background with street clutter,
 * then signs (one to three lines of hanzi, horizontal or vertical, in one of the bundled fonts and a
 * random style, on a board or straight on the wall) put in with rotation and perspective, then Latin
 * text and faint unreadable hanzi, both marked as ignore regions (text, but not characters to find).
 */
final class Scene {
    /** How often a scene is a shop front seen straight on, with one big board across it. */
    static final double SHOP_BAND_PROBABILITY = 0.45;
    final BufferedImage image;
    final List<List<CtwCharacter>> sentences = new ArrayList<>();
    final List<IgnoreRegion> ignores = new ArrayList<>();
    /** The Latin texts drawn, each with its ignore region (one of {@link #ignores}): what the tests check. */
    final List<Map.Entry<String, IgnoreRegion>> latin = new ArrayList<>();
    /** Per sign of hanzi: its lines, which are consecutive {@link #sentences}, and whether it is vertical. */
    final List<SignRecord> signs = new ArrayList<>();

    /** Where one sign's lines are in {@link #sentences}. */
    record SignRecord(int firstSentence, int lines, boolean vertical) {
    }
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
        if (rng.nextDouble() < SHOP_BAND_PROBABILITY) {
            s.placeShopBand(rng);
        }
        int latinCount = rng.nextDouble() < 0.7 ? 1 + rng.nextInt(3) : 0;
        for (int attempt = 0, placed = 0; attempt < 20 && placed < latinCount; attempt++) {
            placed += s.placeLatin(rng) ? 1 : 0;
        }
        int targetSigns = 2 + rng.nextInt(6);
        for (int attempt = 0, signs = 0; attempt < 40 && signs < targetSigns; attempt++) {
            signs += s.placeSign(rng) ? 1 : 0;
        }
        int faint = rng.nextDouble() < 0.5 ? 1 + rng.nextInt(2) : 0;
        for (int attempt = 0, placed = 0; attempt < 20 && placed < faint; attempt++) {
            placed += s.placeFaintText(rng) ? 1 : 0;
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

    /**
     * A sign of hanzi: one to three lines (horizontal, or vertical columns), one font and size, on a
     * board or straight on the wall; each line is one CTW sentence. A sign that does not fit loses lines,
     * then characters, rather than being dropped, so that big characters are not under-represented.
     */
    private boolean placeSign(Rng rng) {
        Font font = glyphs.pick(rng);
        boolean vertical = rng.nextDouble() < 0.25;
        double size = CharacterSizes.sample(rng, Math.max(image.getWidth(), image.getHeight()));
        int lineCount = rng.nextDouble() < 0.35 ? 2 + rng.nextInt(2) : 1;
        List<List<String>> lines = new ArrayList<>();
        for (int k = 0; k < lineCount; k++) {
            List<String> line = new ArrayList<>();
            for (int i = 0, n = 1 + rng.nextInt(8); i < n; i++) {
                line.add(pick(glyphs.hanzi, rng));
            }
            lines.add(line);
        }
        boolean board = rng.nextDouble() < 0.6;
        double gap = rng.uniform(0.05f, 0.35f);
        double lineGap = rng.uniform(0.15f, 0.6f);
        double margin = board ? rng.uniform(0.2f, 0.6f) : 0.15;
        while (!lines.isEmpty()) {
            SignLayout first = SignLayout.of(lines, font, size, vertical, gap, lineGap, margin);
            Fitted p = fit(first, size, rng, l -> SignLayout.of(lines, font, l, vertical, gap, lineGap, margin));
            if (p != null) {
                SignLayout layout = SignLayout.of(lines, font, p.charSize, vertical, gap, lineGap, margin);
                TextStyle style = draw(layout, p.placement, board, rng);
                signs.add(new SignRecord(sentences.size(), lines.size(), vertical));
                sentences.addAll(SignAnnotations.characters(layout, p.placement, style));
                return true;
            }
            shorten(lines);
        }
        return false;
    }

    /**
     * A shop-front board across the picture with a name of 2 to 6 big hanzi (45 to 70 % of the board's
     * height), sometimes a small line under it: hanzi (annotated) or a phone number (ignored).
     */
    private void placeShopBand(Rng rng) {
        ShopBand band = ShopBand.paint(image, rng);
        occupied.add(new double[] {band.x0(), band.y0(), band.x1(), band.y1()});
        boolean subLine = rng.nextDouble() < 0.5;
        double size = band.height() * (subLine ? rng.uniform(0.4f, 0.55f) : rng.uniform(0.45f, 0.7f));
        Font font = glyphs.pick(rng);
        List<String> name = new ArrayList<>();
        for (int i = 0, n = 2 + rng.nextInt(5); i < n; i++) {
            name.add(pick(glyphs.hanzi, rng));
        }
        double gap = rng.uniform(0.1f, 0.5f);
        SignLayout layout = SignLayout.line(name, font, size, false, gap, 0.1);
        double span = band.textX1() - band.textX0();
        while (layout.width > 0.92 * span && name.size() > 1) {
            name = new ArrayList<>(name.subList(0, name.size() - 1));
            layout = SignLayout.line(name, font, size, false, gap, 0.1);
        }
        double top = band.y0() + band.height() * (subLine ? 0.08 : 0.5) - (subLine ? 0 : layout.height / 2.0);
        Placement p = Placement.at(layout.width, layout.height, band.textX0() + (span - layout.width) * rng.uniform(0.1f, 0.9f), top);
        TextStyle style = draw(layout, p, false, rng);
        sentences.addAll(SignAnnotations.characters(layout, p, style));
        if (subLine) {
            placeSubLine(band, p.box[3], rng);
        }
    }

    /** The small line under a shop's name, between {@code top} and the board's lower edge. */
    private void placeSubLine(ShopBand band, double top, Rng rng) {
        double size = Math.max(CharacterSizes.MIN_PIXELS, (band.y1() - top) * rng.uniform(0.45f, 0.7f));
        boolean latin = rng.nextDouble() < 0.4;
        List<String> texts = latin ? LatinWords.random(rng) : new ArrayList<>();
        for (int i = 0, n = latin ? 0 : 3 + rng.nextInt(8); i < n; i++) {
            texts.add(pick(glyphs.hanzi, rng));
        }
        SignLayout layout = SignLayout.line(texts, glyphs.pick(rng), size, false, 0.15, 0.05);
        double span = band.textX1() - band.textX0();
        if (layout.width > span || layout.height > band.y1() - top) {
            return;
        }
        Placement p = Placement.at(layout.width, layout.height, band.textX0() + (span - layout.width) * rng.nextDouble(), top);
        TextStyle style = draw(layout, p, false, rng);
        if (latin) {
            ignoreLatin(layout, p, style);
        } else {
            sentences.addAll(SignAnnotations.characters(layout, p, style));
        }
    }

    /** Drops the last line, or halves a single line; empties the list when nothing is left to shorten. */
    private static void shorten(List<List<String>> lines) {
        if (lines.size() > 1) {
            lines.remove(lines.size() - 1);
        } else if (lines.get(0).size() > 1) {
            lines.set(0, new ArrayList<>(lines.get(0).subList(0, lines.get(0).size() / 2)));
        } else {
            lines.clear();
        }
    }

    /** A placement and the font size that makes its characters come out at the size asked for. */
    private record Fitted(Placement placement, double charSize) {
    }

    /**
     * Tries a few random placements of {@code layout}; rotation and perspective change the boxes' size,
     * so the text is scaled until the annotated characters (the longer side of their axis-aligned box)
     * come out at {@code size} on average. Returns a free placement or null.
     */
    private Fitted fit(SignLayout layout, double size, Rng rng, java.util.function.DoubleFunction<SignLayout> at) {
        for (int t = 0; t < 10; t++) {
            Placement p = Placement.random(layout.width, layout.height, image.getWidth(), image.getHeight(), rng);
            if (p == null) {
                continue;
            }
            double ratio = SignAnnotations.meanLongSide(SignAnnotations.characters(layout, p, TextStyle.plain(Color.BLACK, 1))) / size;
            SignLayout scaled = at.apply(size / ratio);
            p = p.withTile(scaled.width, scaled.height, image.getWidth(), image.getHeight());
            if (p != null && isFree(p)) {
                occupied.add(p.box);
                return new Fitted(p, size / ratio);
            }
        }
        return null;
    }

    /**
     * Latin letters and digits (shop names, "OPEN", phone numbers): drawn like a sign, and marked as a
     * CTW ignore region around the text, since they are text but not Chinese characters.
     */
    private boolean placeLatin(Rng rng) {
        Font font = glyphs.pick(rng);
        double size = CharacterSizes.sample(rng, Math.max(image.getWidth(), image.getHeight()));
        List<List<String>> lines = new ArrayList<>();
        for (int k = 0, n = rng.nextDouble() < 0.3 ? 2 : 1; k < n; k++) {
            lines.add(LatinWords.random(rng));
        }
        boolean board = rng.nextDouble() < 0.4;
        double margin = board ? rng.uniform(0.2f, 0.5f) : 0.15;
        double gap = rng.uniform(0.02f, 0.1f);
        SignLayout layout = SignLayout.of(lines, font, size, false, gap, 0.3, margin);
        Placement p = place(layout, rng, 6);
        for (int shrink = 0; shrink < 3 && p == null; shrink++) { // words are long: smaller rather than none
            size = Math.max(CharacterSizes.MIN_PIXELS, size * 0.6);
            layout = SignLayout.of(lines, font, size, false, gap, 0.3, margin);
            p = place(layout, rng, 6);
        }
        if (p == null) {
            return false;
        }
        TextStyle style = draw(layout, p, board, rng);
        ignoreLatin(layout, p, style);
        return true;
    }

    /** Small, faint, unreadable hanzi: CTW marks such text as "ignore" instead of annotating it. */
    private boolean placeFaintText(Rng rng) {
        double size = Math.max(CharacterSizes.MIN_PIXELS, image.getWidth() * rng.uniform(0.003f, 0.008f));
        List<String> texts = new ArrayList<>();
        for (int i = 0, n = 3 + rng.nextInt(10); i < n; i++) {
            texts.add(pick(glyphs.hanzi, rng));
        }
        SignLayout layout = SignLayout.line(texts, glyphs.pick(rng), size, false, 0.1, 0.3);
        Placement p = place(layout, rng, 8);
        if (p == null) {
            return false;
        }
        Color under = meanColour(p.quad);
        int[] tile = layout.draw(null, TextStyle.plain(Palette.readableOn(under, rng), rng.uniform(0.25f, 0.5f)));
        Warp.draw(pixels, image.getWidth(), image.getHeight(), tile, layout.width, layout.height, p.toScene, p.quad);
        Polygon quad = new Polygon(new double[] {p.quad[0], p.quad[2], p.quad[4], p.quad[6]},
                new double[] {p.quad[1], p.quad[3], p.quad[5], p.quad[7]});
        ignores.add(new IgnoreRegion(BoundingBox.of(quad), quad));
        return true;
    }

    /** Marks drawn Latin text as ignored: the quadrilateral around its glyphs as painted. */
    private void ignoreLatin(SignLayout layout, Placement p, TextStyle style) {
        IgnoreRegion region = SignAnnotations.textRegion(layout, p, (SignLayout.PAD + style.reach()) * layout.font.getSize2D());
        ignores.add(region);
        latin.add(Map.entry(String.join("", layout.texts), region));
    }

    private boolean isFree(Placement p) {
        return occupied.stream().noneMatch(o -> overlaps(o, p.box));
    }

    /** Paints the layout (on a board, or straight on the wall) in a random style; returns the style. */
    private TextStyle draw(SignLayout layout, Placement p, boolean board, Rng rng) {
        Color under = board ? Palette.sign(rng) : meanColour(p.quad);
        TextStyle style = TextStyle.random(under, rng);
        int[] tile = layout.draw(board ? under : null, style);
        Warp.draw(pixels, image.getWidth(), image.getHeight(), tile, layout.width, layout.height, p.toScene, p.quad);
        return style;
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

}

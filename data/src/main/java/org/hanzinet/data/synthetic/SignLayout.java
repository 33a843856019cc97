package org.hanzinet.data.synthetic;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of text laid out flat on its own tile (a sign, before it is put into the scene): where
 * each glyph goes and the tight box around each glyph, in tile pixels. {@link #draw} renders it.
 */
final class SignLayout {
    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
    /** Annotated boxes are the glyph's outline box padded by this fraction of the font size. */
    static final double PAD = 0.03;

    final List<String> texts;
    final Font font;
    final int width;
    final int height;
    final double margin;
    /** Per character: glyph origin {@code x, y} and box {@code x0, y0, x1, y1} in tile pixels. */
    final List<double[]> glyphs = new ArrayList<>();

    private SignLayout(List<String> texts, Font font, int width, int height, double margin) {
        this.texts = texts;
        this.font = font;
        this.width = width;
        this.height = height;
        this.margin = margin;
    }

    /**
     * Lays out {@code texts} with glyphs about {@code charSize} pixels tall/wide, horizontally or in a
     * vertical column, with {@code gap} (fraction of the size) between characters and {@code margin}
     * (fraction) around them.
     */
    static SignLayout of(List<String> texts, Font base, double charSize, boolean vertical, double gap, double margin) {
        Font font = base.deriveFont((float) (charSize * charSize / meanLongSide(texts, base.deriveFont((float) charSize))));
        double em = font.getSize2D();
        double m = Math.max(1, margin * charSize);
        double g = gap * charSize;
        List<double[]> placed = new ArrayList<>();
        double cursor = m;
        double extent = 0;
        for (String t : texts) {
            GlyphVector gv = font.createGlyphVector(FRC, GlyphSet.glyphsOf(t));
            Rectangle2D vb = gv.getVisualBounds();
            double w = Math.max(vb.getWidth(), 0.3);
            double h = Math.max(vb.getHeight(), 0.3);
            if (vertical) {
                double x0 = m + (em - w) / 2;
                placed.add(new double[] {x0 - vb.getX(), cursor - vb.getY(), x0, cursor, x0 + w, cursor + h});
                cursor += h + g;
                extent = Math.max(extent, em);
            } else {
                double baseline = m + 0.88 * em;
                double y0 = baseline + vb.getY();
                placed.add(new double[] {cursor - vb.getX(), baseline, cursor, y0, cursor + w, y0 + h});
                cursor += w + g;
                extent = Math.max(extent, Math.max(em * 1.05, y0 + h - m));
            }
        }
        double along = cursor - g + m;
        double across = extent + 2 * m;
        SignLayout l = new SignLayout(List.copyOf(texts), font,
                (int) Math.ceil(vertical ? across : along), (int) Math.ceil(vertical ? along : across), m);
        l.glyphs.addAll(placed);
        return l;
    }

    /**
     * The mean longer side of the glyphs' boxes (padded by {@link #PAD} of the font size on each
     * side, as the scene annotates them) at {@code font}'s size; used to scale the font so that
     * characters come out at the size asked for.
     */
    private static double meanLongSide(List<String> texts, Font font) {
        double sum = 0;
        for (String t : texts) {
            Rectangle2D vb = font.createGlyphVector(FRC, GlyphSet.glyphsOf(t)).getVisualBounds();
            sum += Math.max(vb.getWidth(), vb.getHeight()) + 2 * PAD * font.getSize2D();
        }
        return Math.max(1e-3, sum / texts.size());
    }

    /**
     * Renders the tile: an optional rounded board in {@code board} colour, then the glyphs in
     * {@code ink} with {@code alpha}. Returns {@code [height, width]} packed ARGB pixels.
     */
    int[] draw(Color board, Color ink, float alpha) {
        BufferedImage tile = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = Scene.graphics(tile);
        if (board != null) {
            g.setColor(board);
            double r = Math.min(width, height) * 0.15;
            g.fill(new RoundRectangle2D.Double(0, 0, width, height, r, r));
        }
        g.setFont(font);
        g.setColor(new Color(ink.getRed(), ink.getGreen(), ink.getBlue(), Math.round(alpha * 255)));
        for (int i = 0; i < texts.size(); i++) {
            double[] p = glyphs.get(i);
            g.drawGlyphVector(font.createGlyphVector(g.getFontRenderContext(), GlyphSet.glyphsOf(texts.get(i))), (float) p[0], (float) p[1]);
        }
        g.dispose();
        return ((DataBufferInt) tile.getRaster().getDataBuffer()).getData();
    }
}

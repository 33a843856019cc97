package org.hanzinet.data.synthetic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of a sign laid out flat on its own tile (before it is put into the scene): one or more
 * lines, horizontal (stacked top to bottom) or vertical (columns right to left), each centred on the
 * longest; where each glyph goes and the tight box around it, in tile pixels. {@link #draw} renders it.
 */
final class SignLayout {
    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
    /** Annotated boxes are the glyph's outline box padded by this fraction of the font size. */
    static final double PAD = 0.03;

    /** Every character, line after line. */
    final List<String> texts;
    /** Per line, the index in {@link #texts} one past its last character. */
    final List<Integer> lineEnds;
    final Font font;
    final int width;
    final int height;
    /** Per character: glyph origin {@code x, y} and box {@code x0, y0, x1, y1} in tile pixels. */
    final List<double[]> glyphs;

    private SignLayout(List<String> texts, List<Integer> lineEnds, Font font, int width, int height, List<double[]> glyphs) {
        this.texts = List.copyOf(texts);
        this.lineEnds = List.copyOf(lineEnds);
        this.font = font;
        this.width = width;
        this.height = height;
        this.glyphs = glyphs;
    }

    /** One line; see {@link #of(List, Font, double, boolean, double, double, double)}. */
    static SignLayout line(List<String> texts, Font base, double charSize, boolean vertical, double gap, double margin) {
        return of(List.of(texts), base, charSize, vertical, gap, 0.3, margin);
    }

    /**
     * Lays out {@code lines} with glyphs about {@code charSize} pixels tall/wide, with {@code gap}
     * between characters, {@code lineGap} between lines and {@code margin} around them (fractions of
     * the size).
     */
    static SignLayout of(List<List<String>> lines, Font base, double charSize, boolean vertical, double gap, double lineGap,
            double margin) {
        List<String> flat = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        for (List<String> line : lines) {
            flat.addAll(line);
            ends.add(flat.size());
        }
        Font font = base.deriveFont((float) (charSize * charSize / meanLongSide(flat, base.deriveFont((float) charSize))));
        double em = font.getSize2D();
        double m = Math.max(1, margin * charSize);
        double g = gap * charSize;
        double pitch = em * (1 + lineGap);
        List<double[]> placed = new ArrayList<>();
        double[] lengths = new double[lines.size()];
        double across = 0;
        for (int k = 0; k < lines.size(); k++) {
            double cursor = m;
            for (String t : lines.get(k)) {
                Rectangle2D vb = font.createGlyphVector(FRC, GlyphSet.glyphsOf(font, t)).getVisualBounds();
                double w = Math.max(vb.getWidth(), 0.3);
                double h = Math.max(vb.getHeight(), 0.3);
                if (vertical) {
                    double x0 = m + (lines.size() - 1 - k) * pitch + (em - w) / 2;
                    placed.add(new double[] {x0 - vb.getX(), cursor - vb.getY(), x0, cursor, x0 + w, cursor + h});
                    cursor += h + g;
                } else {
                    double baseline = m + 0.88 * em + k * pitch;
                    double y0 = baseline + vb.getY();
                    placed.add(new double[] {cursor - vb.getX(), baseline, cursor, y0, cursor + w, y0 + h});
                    cursor += w + g;
                    across = Math.max(across, Math.max(k * pitch + em * 1.05, y0 + h - m));
                }
            }
            lengths[k] = cursor - g - m;
        }
        if (vertical) {
            across = (lines.size() - 1) * pitch + em;
        }
        double along = 0;
        for (double l : lengths) {
            along = Math.max(along, l);
        }
        centreLines(placed, ends, lengths, along, vertical);
        int w = (int) Math.ceil(vertical ? across + 2 * m : along + 2 * m);
        int h = (int) Math.ceil(vertical ? along + 2 * m : across + 2 * m);
        return new SignLayout(flat, ends, font, w, h, placed);
    }

    /** Shifts each line along its direction so that it is centred on the longest one. */
    private static void centreLines(List<double[]> placed, List<Integer> ends, double[] lengths, double along, boolean vertical) {
        int start = 0;
        for (int k = 0; k < ends.size(); k++) {
            double shift = (along - lengths[k]) / 2;
            for (int i = start; i < ends.get(k); i++) {
                double[] p = placed.get(i);
                int a = vertical ? 1 : 0;
                p[a] += shift;
                p[2 + a] += shift;
                p[4 + a] += shift;
            }
            start = ends.get(k);
        }
    }

    /**
     * The mean longer side of the glyphs' boxes (padded by {@link #PAD} of the font size on each
     * side, as the scene annotates them) at {@code font}'s size; used to scale the font so that
     * characters come out at the size asked for.
     */
    private static double meanLongSide(List<String> texts, Font font) {
        double sum = 0;
        for (String t : texts) {
            Rectangle2D vb = font.createGlyphVector(FRC, GlyphSet.glyphsOf(font, t)).getVisualBounds();
            sum += Math.max(vb.getWidth(), vb.getHeight()) + 2 * PAD * font.getSize2D();
        }
        return Math.max(1e-3, sum / texts.size());
    }

    /**
     * Renders the tile: an optional rounded board in {@code board} colour, then the glyphs in
     * {@code style}. Returns {@code [height, width]} packed ARGB pixels.
     */
    int[] draw(Color board, TextStyle style) {
        BufferedImage tile = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = Scene.graphics(tile);
        if (board != null) {
            g.setColor(board);
            double r = Math.min(width, height) * 0.15;
            g.fill(new RoundRectangle2D.Double(0, 0, width, height, r, r));
        }
        double em = font.getSize2D();
        List<Shape> outlines = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            double[] p = glyphs.get(i);
            GlyphVector gv = font.createGlyphVector(g.getFontRenderContext(), GlyphSet.glyphsOf(font, texts.get(i)));
            outlines.add(gv.getOutline((float) p[0], (float) p[1]));
        }
        if (style.shadow() != null) {
            double d = style.shadowOffset() * em;
            paint(g, outlines, withAlpha(style.shadow(), style.alpha()), style.embolden() * em, AffineTransform.getTranslateInstance(d, d));
        }
        if (style.outline() != null) {
            paint(g, outlines, withAlpha(style.outline(), style.alpha()), (style.embolden() + 2 * style.outlineWidth()) * em, null);
        }
        paint(g, outlines, withAlpha(style.ink(), style.alpha()), style.embolden() * em, null);
        g.dispose();
        return ((DataBufferInt) tile.getRaster().getDataBuffer()).getData();
    }

    /** Fills the glyph shapes and, when {@code stroke > 0}, strokes them that wide (rounded joins). */
    private static void paint(Graphics2D g, List<Shape> shapes, Color c, double stroke, AffineTransform move) {
        g.setColor(c);
        g.setStroke(new BasicStroke((float) Math.max(stroke, 0.01), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (Shape s : shapes) {
            Shape shape = move == null ? s : move.createTransformedShape(s);
            g.fill(shape);
            if (stroke > 0) {
                g.draw(shape);
            }
        }
    }

    private static Color withAlpha(Color c, float alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), Math.round(alpha * 255));
    }
}

package org.hanzinet.data.synthetic;

import java.util.ArrayList;
import java.util.List;
import org.hanzinet.data.ctw.BoundingBox;
import org.hanzinet.data.ctw.CtwCharacter;
import org.hanzinet.data.ctw.CtwJsonWriter;
import org.hanzinet.data.ctw.IgnoreRegion;
import org.hanzinet.data.ctw.Polygon;

/**
 * The CTW annotations of a sign put into a scene: its characters' quadrilaterals (glyph boxes padded
 * to cover what the style paints, mapped through the placement), one sentence per line, and the
 * ignore region around text that is not annotated.
 */
final class SignAnnotations {
    private SignAnnotations() {
    }

    /** The quadrilateral around all of a layout's glyph boxes (padded by {@code pad}), in the scene. */
    static IgnoreRegion textRegion(SignLayout layout, Placement p, double pad) {
        double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (double[] b : layout.glyphs) {
            x0 = Math.min(x0, b[2] - pad);
            y0 = Math.min(y0, b[3] - pad);
            x1 = Math.max(x1, b[4] + pad);
            y1 = Math.max(y1, b[5] + pad);
        }
        double[][] corners = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
        double[] xs = new double[4];
        double[] ys = new double[4];
        double[] q = new double[2];
        for (int k = 0; k < 4; k++) {
            p.toScene.map(corners[k][0], corners[k][1], q);
            xs[k] = round3(q[0]);
            ys[k] = round3(q[1]);
        }
        Polygon poly = new Polygon(xs, ys);
        return new IgnoreRegion(BoundingBox.of(poly), poly);
    }

    /** The mean longer side of the characters' axis-aligned boxes, over all lines. */
    static double meanLongSide(List<List<CtwCharacter>> lines) {
        double sum = 0;
        int n = 0;
        for (CtwCharacter c : flatten(lines)) {
            n++;
            Polygon p = c.polygon();
            sum += Math.max(p.maxX() - p.minX(), p.maxY() - p.minY());
        }
        return sum / n;
    }

    private static List<CtwCharacter> flatten(List<List<CtwCharacter>> lines) {
        List<CtwCharacter> all = new ArrayList<>();
        lines.forEach(all::addAll);
        return all;
    }

    /** The annotated characters, one list per line; boxes padded to cover what the style paints. */
    static List<List<CtwCharacter>> characters(SignLayout layout, Placement p, TextStyle style) {
        List<List<CtwCharacter>> lines = new ArrayList<>();
        List<CtwCharacter> out = new ArrayList<>();
        double[] q = new double[2];
        double pad = (SignLayout.PAD + style.reach()) * layout.font.getSize2D();
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
            if (layout.lineEnds.contains(i + 1)) {
                lines.add(out);
                out = new ArrayList<>();
            }
        }
        return lines;
    }

    /** CTW's {@code is_chinese}: a CJK Unified Ideograph (basic block or extensions). */
    static boolean isChinese(String text) {
        int cp = text.codePointAt(0);
        Character.UnicodeBlock b = Character.UnicodeBlock.of(cp);
        return text.codePointCount(0, text.length()) == 1 && (b == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS
                || b == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS_EXTENSION_A
                || b == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS_EXTENSION_B);
    }

    static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}

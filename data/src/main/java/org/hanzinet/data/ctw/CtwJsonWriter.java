package org.hanzinet.data.ctw;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.hanzinet.core.io.JsonStrings;

/**
 * Writes CTW JSONL lines byte for byte as the official files are written (Python's
 * {@code json.dumps(obj, sort_keys=True)}): keys sorted, {@code ", "} and {@code ": "} separators,
 * non-ASCII characters as lowercase {@code \\uXXXX} escapes, floats in their shortest form with a
 * {@code .0} on whole numbers. Coordinates are rounded to 3 decimals.
 */
public final class CtwJsonWriter {
    private CtwJsonWriter() {
    }

    /**
     * One JSONL line (without the newline) for an image whose annotations are grouped in sentences.
     * Each character's {@code adjusted_bbox} is written as given (see {@link #adjustedBbox}).
     */
    public static String line(String imageId, String fileName, int width, int height,
            List<List<CtwCharacter>> sentences, List<IgnoreRegion> ignores) {
        StringBuilder sb = new StringBuilder(256 + 300 * sentences.size());
        sb.append("{\"annotations\": [");
        for (int s = 0; s < sentences.size(); s++) {
            sb.append(s == 0 ? "[" : ", [");
            List<CtwCharacter> chars = sentences.get(s);
            for (int c = 0; c < chars.size(); c++) {
                character(sb.append(c == 0 ? "" : ", "), chars.get(c));
            }
            sb.append(']');
        }
        sb.append("], \"file_name\": ");
        string(sb, fileName);
        sb.append(", \"height\": ").append(height).append(", \"ignore\": [");
        for (int i = 0; i < ignores.size(); i++) {
            IgnoreRegion r = ignores.get(i);
            sb.append(i == 0 ? "" : ", ").append("{\"bbox\": ");
            bbox(sb, r.bbox());
            sb.append(", \"polygon\": ");
            polygon(sb, r.polygon());
            sb.append('}');
        }
        sb.append("], \"image_id\": ");
        string(sb, imageId);
        return sb.append(", \"width\": ").append(width).append('}').toString();
    }

    /** CTW's {@code adjusted_bbox}: the box around the points at 1/3 and 2/3 of every edge of {@code p}. */
    public static BoundingBox adjustedBbox(Polygon p) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < p.size(); i++) {
            int j = (i + 1) % p.size();
            for (int k = 1; k <= 2; k++) {
                double x = p.x(i) + (p.x(j) - p.x(i)) * k / 3;
                double y = p.y(i) + (p.y(j) - p.y(i)) * k / 3;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
        }
        return new BoundingBox(minX, minY, maxX - minX, maxY - minY);
    }

    private static void character(StringBuilder sb, CtwCharacter ch) {
        sb.append("{\"adjusted_bbox\": ");
        bbox(sb, ch.adjustedBbox() != null ? ch.adjustedBbox() : adjustedBbox(ch.polygon()));
        sb.append(", \"attributes\": [");
        for (int i = 0; i < ch.attributes().size(); i++) {
            string(sb.append(i == 0 ? "" : ", "), ch.attributes().get(i));
        }
        sb.append("], \"is_chinese\": ").append(ch.isChinese()).append(", \"polygon\": ");
        polygon(sb, ch.polygon());
        sb.append(", \"text\": ");
        string(sb, ch.text());
        sb.append('}');
    }

    private static void bbox(StringBuilder sb, BoundingBox b) {
        sb.append('[').append(number(b.x())).append(", ").append(number(b.y())).append(", ")
                .append(number(b.w())).append(", ").append(number(b.h())).append(']');
    }

    private static void polygon(StringBuilder sb, Polygon p) {
        sb.append('[');
        for (int i = 0; i < p.size(); i++) {
            sb.append(i == 0 ? "[" : ", [").append(number(p.x(i))).append(", ").append(number(p.y(i))).append(']');
        }
        sb.append(']');
    }

    /**
     * {@code v} rounded to 3 decimals, written as Python's {@code repr(float)} writes it: a decimal of at
     * most 15 significant digits is its own shortest round-trip form, so the plain decimal is exact.
     */
    public static String number(double v) {
        if (!Double.isFinite(v) || Math.abs(v) >= 1e15) {
            throw new IllegalArgumentException("coordinate out of range for CTW output: " + v);
        }
        BigDecimal d = BigDecimal.valueOf(v).setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (d.signum() == 0) {
            return "0.0";
        }
        String s = d.toPlainString();
        return s.indexOf('.') < 0 ? s + ".0" : s;
    }

    /** A JSON string with Python's {@code ensure_ascii} escaping. */
    public static void string(StringBuilder sb, String s) {
        JsonStrings.quote(sb, s, true);
    }
}

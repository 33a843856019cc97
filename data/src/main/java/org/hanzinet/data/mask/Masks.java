package org.hanzinet.data.mask;

import java.util.List;
import org.hanzinet.core.Tensor;
import org.hanzinet.data.ctw.CtwCharacter;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.data.ctw.IgnoreRegion;
import org.hanzinet.data.ctw.Polygon;

/**
 * Character and ignore masks of a {@link CtwImage} at any output size: the polygons are scaled by
 * {@code outW / width} and {@code outH / height} and rasterised straight at that size (no full-size
 * mask first). Values are 0 or 1.
 */
public final class Masks {
    private Masks() {
    }

    /** Union of all the image's character polygons: {@code [1, outH, outW]}. */
    public static Tensor characters(CtwImage image, int outW, int outH) {
        Tensor t = Tensor.zeros(1, outH, outW);
        fillCharacters(image, t.data(), t.offset(), outW, outH);
        return t;
    }

    /** Union of the image's ignore regions, 1 = ignored: {@code [1, outH, outW]}. */
    public static Tensor ignore(CtwImage image, int outW, int outH) {
        Tensor t = Tensor.zeros(1, outH, outW);
        fillIgnore(image, t.data(), t.offset(), outW, outH);
        return t;
    }

    /** ORs every character polygon into the {@code outH x outW} window of {@code mask} at {@code offset}. */
    public static void fillCharacters(CtwImage image, float[] mask, int offset, int outW, int outH) {
        double sx = (double) outW / image.width();
        double sy = (double) outH / image.height();
        List<CtwCharacter> chars = image.characters();
        for (int i = 0; i < chars.size(); i++) {
            PolygonRasterizer.fill(scale(chars.get(i).polygon(), sx, sy), mask, offset, outW, outH,
                    image.describeCharacter(i));
        }
    }

    /** ORs every ignore region into the {@code outH x outW} window of {@code mask} at {@code offset}. */
    public static void fillIgnore(CtwImage image, float[] mask, int offset, int outW, int outH) {
        double sx = (double) outW / image.width();
        double sy = (double) outH / image.height();
        List<IgnoreRegion> regions = image.ignores();
        for (int i = 0; i < regions.size(); i++) {
            PolygonRasterizer.fill(scale(regions.get(i).polygon(), sx, sy), mask, offset, outW, outH,
                    "image " + image.imageId() + " ignore region " + i);
        }
    }

    private static Polygon scale(Polygon p, double sx, double sy) {
        return sx == 1 && sy == 1 ? p : p.scaled(sx, sy);
    }
}

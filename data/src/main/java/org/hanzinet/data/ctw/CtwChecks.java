package org.hanzinet.data.ctw;

import java.util.List;
import java.util.Locale;

/**
 * Plausibility checks on records that parse but look wrong: a polygon point far outside the declared
 * image. They warn rather than refuse, since a few pixels of overhang are common in real annotations.
 */
final class CtwChecks {
    /** How far outside the image a point may lie, as a fraction of the image's width or height. */
    static final double FAR_OUTSIDE = 0.25;

    private CtwChecks() {
    }

    /** Describes the first polygon point of {@code img} lying far outside it, or null when there is none. */
    static String farOutside(CtwImage img) {
        List<CtwCharacter> chars = img.characters();
        for (int i = 0; i < chars.size(); i++) {
            String p = farPoint(chars.get(i).polygon(), img);
            if (p != null) {
                return img.describeCharacter(i) + ": polygon point " + p;
            }
        }
        for (int i = 0; i < img.ignores().size(); i++) {
            String p = farPoint(img.ignores().get(i).polygon(), img);
            if (p != null) {
                return "image " + img.imageId() + " ignore region " + i + ": polygon point " + p;
            }
        }
        return null;
    }

    private static String farPoint(Polygon poly, CtwImage img) {
        double mx = FAR_OUTSIDE * img.width();
        double my = FAR_OUTSIDE * img.height();
        for (int k = 0; k < poly.size(); k++) {
            double x = poly.x(k);
            double y = poly.y(k);
            if (x < -mx || x > img.width() + mx || y < -my || y > img.height() + my) {
                return String.format(Locale.ROOT, "(%.1f, %.1f) lies far outside the declared %d x %d image "
                        + "(more than %.0f%% of its size beyond an edge): wrong width/height or coordinates?",
                        x, y, img.width(), img.height(), FAR_OUTSIDE * 100);
            }
        }
        return null;
    }
}

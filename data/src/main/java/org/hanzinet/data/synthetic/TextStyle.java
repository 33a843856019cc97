package org.hanzinet.data.synthetic;

import java.awt.Color;
import org.hanzinet.core.Rng;

/**
 * How the glyphs of a sign are painted: ink colour and opacity, an extra stroke in the ink that makes
 * any font heavier (fake bold, for the black weights real signs use), an optional outline in another
 * colour (white letters edged in red) and an optional drop shadow. Widths and offsets are fractions of
 * the font size.
 *
 * @param ink     glyph colour
 * @param alpha   glyph opacity in (0, 1]
 * @param embolden stroke width added around the glyph in the ink, fraction of the em, >= 0
 * @param outline outline colour, or null for none
 * @param outlineWidth outline width outside the glyph, fraction of the em, >= 0
 * @param shadow  shadow colour, or null for none
 * @param shadowOffset shadow offset right and down, fraction of the em, >= 0
 */
record TextStyle(Color ink, float alpha, double embolden, Color outline, double outlineWidth, Color shadow,
        double shadowOffset) {
    TextStyle {
        if (!(alpha > 0 && alpha <= 1) || embolden < 0 || outlineWidth < 0 || shadowOffset < 0) {
            throw new IllegalArgumentException("TextStyle: alpha must be in (0, 1] and widths >= 0, got alpha " + alpha
                    + " embolden " + embolden + " outlineWidth " + outlineWidth + " shadowOffset " + shadowOffset);
        }
    }

    /** Plain glyphs in {@code ink}. */
    static TextStyle plain(Color ink, float alpha) {
        return new TextStyle(ink, alpha, 0, null, 0, null, 0);
    }

    /** A sign's style on a background of colour {@code under}: often heavier, sometimes outlined or shadowed. */
    static TextStyle random(Color under, Rng rng) {
        Color ink = Palette.readableOn(under, rng);
        double embolden = rng.nextDouble() < 0.4 ? rng.uniform(0.01f, 0.05f) : 0;
        boolean outlined = rng.nextDouble() < 0.15;
        boolean shadowed = !outlined && rng.nextDouble() < 0.15;
        return new TextStyle(ink, 1f, embolden, outlined ? Palette.readableOn(ink, rng) : null,
                outlined ? rng.uniform(0.02f, 0.06f) : 0, shadowed ? Palette.shade(under, rng, 0.2).darker() : null,
                shadowed ? rng.uniform(0.02f, 0.06f) : 0);
    }

    /** How far the painted glyph reaches beyond its outline on any side, fraction of the em. */
    double reach() {
        return embolden / 2 + (outline == null ? 0 : outlineWidth) + (shadow == null ? 0 : shadowOffset);
    }
}

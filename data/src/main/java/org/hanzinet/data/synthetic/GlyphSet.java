package org.hanzinet.data.synthetic;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hanzinet.core.Rng;

/**
 * The bundled CJK font subsets and the hanzi they all cover, loaded from the class path: never a system
 * font, so the generator gives the same output on any machine with the same JDK. Sans regular (Droid Sans
 * Fallback, Apache-2.0), sans bold, serif bold and serif regular (Noto CJK SC, OFL) and brush kai
 * (AR PL UKai, Arphic Public License); licences and notices beside them, made by
 * {@code data/src/main/scripts/make_font_subset.py}.
 */
final class GlyphSet {
    /** The fonts, in the order of {@link #FONT_WEIGHTS}: how often a sign is set in each. */
    static final List<String> FONT_RESOURCES = List.of("DroidSansFallbackSubset.ttf", "NotoSansCJKscBoldSubset.otf",
            "NotoSerifCJKscBoldSubset.otf", "NotoSerifCJKscRegularSubset.otf", "UKaiCNSubset.ttf");
    /** Shop signs are mostly heavy sans, then serif and brush: relative frequencies of the fonts above. */
    private static final double[] FONT_WEIGHTS = {0.2, 0.35, 0.2, 0.1, 0.15};
    static final String HANZI_RESOURCE = "hanzi.txt";
    static final String LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private static volatile GlyphSet instance;

    final List<Font> fonts;
    final String hanzi;

    private GlyphSet(List<Font> fonts, String hanzi) {
        this.fonts = List.copyOf(fonts);
        this.hanzi = hanzi;
    }

    static GlyphSet get() {
        GlyphSet g = instance;
        if (g == null) {
            synchronized (GlyphSet.class) {
                if (instance == null) {
                    instance = load();
                }
                g = instance;
            }
        }
        return g;
    }

    /** A font for one sign, drawn by {@link #FONT_WEIGHTS}. */
    Font pick(Rng rng) {
        double u = rng.nextDouble();
        for (int i = 0; i < fonts.size() - 1; i++) {
            u -= FONT_WEIGHTS[i];
            if (u < 0) {
                return fonts.get(i);
            }
        }
        return fonts.get(fonts.size() - 1);
    }

    private static GlyphSet load() {
        String hanzi;
        try (InputStream h = open(HANZI_RESOURCE)) {
            hanzi = new String(h.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + HANZI_RESOURCE, e);
        }
        List<Font> fonts = new ArrayList<>();
        for (String name : FONT_RESOURCES) {
            Font font = loadFont(name);
            String all = hanzi + LATIN + LATIN.toLowerCase();
            for (int i = 0; i < all.length(); i++) {
                if (!font.canDisplay(glyphOf(font, all.charAt(i)))) {
                    throw new IllegalStateException("bundled font " + name + " lacks a glyph for " + all.charAt(i));
                }
            }
            fonts.add(font);
        }
        return new GlyphSet(fonts, hanzi);
    }

    private static Font loadFont(String name) {
        try (InputStream f = open(name)) {
            return Font.createFont(Font.TRUETYPE_FONT, f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled font " + name, e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("bundled font " + name + " is not a valid TrueType/OpenType font", e);
        }
    }

    /**
     * The character whose glyph shows {@code c} in {@code font}: a font without ASCII glyphs (Droid Sans
     * Fallback) draws printable ASCII with its fullwidth form (U+FF01..U+FF5E).
     */
    static char glyphOf(Font font, char c) {
        return c > 0x20 && c < 0x7F && !font.canDisplay('A') ? (char) (c - 0x21 + 0xFF01) : c;
    }

    /** {@code text} with every character replaced by {@link #glyphOf}. */
    static String glyphsOf(Font font, String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            sb.append(glyphOf(font, text.charAt(i)));
        }
        return sb.toString();
    }

    private static InputStream open(String name) {
        InputStream in = GlyphSet.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("resource " + name + " missing beside " + GlyphSet.class.getName());
        }
        return in;
    }
}

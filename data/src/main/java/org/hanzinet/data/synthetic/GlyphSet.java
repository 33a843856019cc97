package org.hanzinet.data.synthetic;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The bundled CJK font subset (Droid Sans Fallback, Apache-2.0, see the NOTICE beside it) and the
 * hanzi it covers, loaded from the class path: never a system font, so the generator gives the same
 * output on any machine with the same JDK.
 */
final class GlyphSet {
    static final String FONT_RESOURCE = "DroidSansFallbackSubset.ttf";
    static final String HANZI_RESOURCE = "hanzi.txt";
    static final String LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private static volatile GlyphSet instance;

    final Font font;
    final String hanzi;

    private GlyphSet(Font font, String hanzi) {
        this.font = font;
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

    private static GlyphSet load() {
        try (InputStream f = open(FONT_RESOURCE); InputStream h = open(HANZI_RESOURCE)) {
            Font font = Font.createFont(Font.TRUETYPE_FONT, f);
            String hanzi = new String(h.readAllBytes(), StandardCharsets.UTF_8).strip();
            String all = hanzi + LATIN;
            for (int i = 0; i < all.length(); i++) {
                if (!font.canDisplay(glyphOf(all.charAt(i)))) {
                    throw new IllegalStateException("bundled font lacks a glyph for " + all.charAt(i));
                }
            }
            return new GlyphSet(font, hanzi);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled font " + FONT_RESOURCE, e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("bundled font " + FONT_RESOURCE + " is not a valid TrueType font", e);
        }
    }

    /**
     * The character whose glyph shows {@code c}: the font has no ASCII glyphs, so printable ASCII is
     * drawn with its fullwidth form (U+FF01..U+FF5E) and still annotated as ASCII.
     */
    static char glyphOf(char c) {
        return c > 0x20 && c < 0x7F ? (char) (c - 0x21 + 0xFF01) : c;
    }

    /** {@code text} with every character replaced by {@link #glyphOf}. */
    static String glyphsOf(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            sb.append(glyphOf(text.charAt(i)));
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

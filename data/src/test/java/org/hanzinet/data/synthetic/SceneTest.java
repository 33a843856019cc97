package org.hanzinet.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.awt.Font;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hanzinet.core.Rng;
import org.hanzinet.data.ctw.CtwCharacter;
import org.hanzinet.data.ctw.IgnoreRegion;
import org.hanzinet.data.ctw.Polygon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The properties of generated scenes that make them look like street photos of shop signs. */
class SceneTest {
    private static final int PHOTO = CharacterSizes.REFERENCE_PIXELS;

    @Test
    void sizeSamplerIsSignLikeFromTenToFourHundredPixels() {
        Rng rng = new Rng(5);
        int n = 20_000;
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = CharacterSizes.sample(rng, PHOTO);
        }
        Arrays.sort(s);
        assertThat(s[0]).isGreaterThanOrEqualTo(10);
        assertThat(s[n - 1]).isLessThanOrEqualTo(400);
        assertThat(s[n / 2]).as("median, real signs: 60 px").isBetween(55.0, 70.0);
        assertThat(s[(int) (0.95 * n)]).as("95th percentile, real signs: 256 px").isBetween(230.0, 310.0);
        assertThat(fraction(s, 32)).as("small text under 32 px").isBetween(0.25, 0.35);
        assertThat(s[(int) (0.999 * n)]).as("the largest reach the cap").isGreaterThan(380.0);
        assertThat(CharacterSizes.sample(new Rng(1), 64)).isGreaterThanOrEqualTo(CharacterSizes.MIN_PIXELS);
        assertThat(CharacterSizes.sample(new Rng(1), 2 * PHOTO) / CharacterSizes.sample(new Rng(1), PHOTO))
                .as("sizes scale with the picture").isCloseTo(2.0, offset(1e-9));
    }

    @Test
    void annotatedSizesReachFromSmallTextToBigSignsAtPhotoSize() {
        List<Double> sizes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            for (List<CtwCharacter> sentence : Scene.generate(PHOTO, new Rng(i)).sentences) {
                for (CtwCharacter c : sentence) {
                    sizes.add(longSide(c.polygon()));
                }
            }
        }
        assertThat(sizes).hasSizeGreaterThan(30).allSatisfy(s -> assertThat(s).isBetween(8.0, 480.0));
        assertThat(sizes).anyMatch(s -> s < 24).anyMatch(s -> s >= 32 && s < 100).anyMatch(s -> s >= 200);
    }

    @Test
    void verticalSignsAndSignsOfSeveralLinesAppear() {
        int vertical = 0;
        int multiLine = 0;
        for (int i = 0; i < 8; i++) {
            Scene scene = Scene.generate(512, new Rng(100 + i));
            for (Scene.SignRecord sign : scene.signs) {
                List<CtwCharacter> first = scene.sentences.get(sign.firstSentence());
                if (sign.vertical() && first.size() > 1) {
                    assertThat(isVertical(first)).as("scene %d sentence %d runs down", i, sign.firstSentence()).isTrue();
                    vertical++;
                }
                if (sign.lines() > 1) {
                    List<CtwCharacter> second = scene.sentences.get(sign.firstSentence() + 1);
                    // Lines are centred on each other, so their centroids differ by one line pitch across them.
                    double[] a = centroid(first);
                    double[] b = centroid(second);
                    if (sign.vertical()) {
                        assertThat(b[0]).as("scene %d: next column to the left", i).isLessThan(a[0]);
                    } else {
                        assertThat(b[1]).as("scene %d: next line below", i).isGreaterThan(a[1]);
                    }
                    multiLine++;
                }
            }
        }
        assertThat(vertical).as("vertical signs in 8 scenes").isGreaterThanOrEqualTo(2);
        assertThat(multiLine).as("signs of several lines in 8 scenes").isGreaterThanOrEqualTo(2);
    }

    @Test
    void multiLineLayoutStacksLinesAndVerticalColumnsRunRightToLeft() {
        Font font = GlyphSet.get().fonts.get(1);
        List<List<String>> lines = List.of(List.of("中", "华", "店"), List.of("东", "西"));
        SignLayout h = SignLayout.of(lines, font, 40, false, 0.1, 0.3, 0.2);
        assertThat(h.lineEnds).containsExactly(3, 5);
        assertThat(h.glyphs.get(3)[3]).as("second line below the first").isGreaterThan(h.glyphs.get(0)[5]);
        double firstCentre = (h.glyphs.get(0)[2] + h.glyphs.get(2)[4]) / 2;
        double secondCentre = (h.glyphs.get(3)[2] + h.glyphs.get(4)[4]) / 2;
        assertThat(secondCentre).as("lines centred").isCloseTo(firstCentre, offset(4.0));
        SignLayout v = SignLayout.of(lines, font, 40, true, 0.1, 0.3, 0.2);
        assertThat(v.glyphs.get(1)[3]).as("down the column").isGreaterThan(v.glyphs.get(0)[5]);
        assertThat(v.glyphs.get(3)[4]).as("second column left of the first").isLessThan(v.glyphs.get(0)[2]);
        assertThat(v.height).isGreaterThan(v.width);
    }

    @Test
    void latinTextIsDrawnInsideIgnoreRegionsAndNeverAnnotated() {
        int latin = 0;
        for (int i = 0; i < 8; i++) {
            Scene scene = Scene.generate(384, new Rng(200 + i));
            for (Map.Entry<String, IgnoreRegion> e : scene.latin) {
                assertThat(e.getKey()).matches("[A-Za-z0-9 -]+");
                assertThat(scene.ignores).contains(e.getValue());
                latin++;
            }
            for (List<CtwCharacter> sentence : scene.sentences) {
                assertThat(sentence).allSatisfy(c -> assertThat(c.isChinese()).as(c.text()).isTrue());
            }
        }
        assertThat(latin).as("Latin texts in 8 scenes").isGreaterThanOrEqualTo(5);
    }

    @Test
    void everyBundledFontLoadsFromTheClassPathWithItsLicence() {
        GlyphSet g = GlyphSet.get();
        assertThat(g.fonts).hasSize(GlyphSet.FONT_RESOURCES.size());
        assertThat(g.fonts.stream().map(Font::getFontName)).anyMatch(n -> n.contains("Droid"))
                .anyMatch(n -> n.contains("Noto Sans CJK SC Bold")).anyMatch(n -> n.contains("Noto Serif CJK SC Bold"))
                .anyMatch(n -> n.contains("UKai"));
        assertThat(g.hanzi.length()).isGreaterThanOrEqualTo(800);
        assertThat(g.hanzi).contains("東", "華", "麵");
        assertThat(g.hanzi.chars()).allMatch(c -> SignAnnotations.isChinese(String.valueOf((char) c.intValue())));
        for (String licence : List.of("DroidSansFallbackSubset.NOTICE.txt", "DroidSansFallbackSubset.LICENSE-Apache-2.0.txt",
                "NotoCJKSubsets.LICENSE-OFL-1.1.txt", "UKaiCNSubset.NOTICE.txt", "UKaiCNSubset.LICENSE-ArphicPL.txt")) {
            assertThat(GlyphSet.class.getResource(licence)).as(licence).isNotNull();
        }
        Font droid = g.fonts.get(0);
        assertThat(GlyphSet.glyphOf(droid, 'A')).as("Droid has no ASCII: fullwidth").isEqualTo('\uff21');
        assertThat(GlyphSet.glyphOf(g.fonts.get(1), 'A')).isEqualTo('A');
        assertThat(SignAnnotations.isChinese("A")).isFalse();
    }

    @Test
    void everyFontIsPickedAndTheSameSeedGivesTheSameScene() {
        Rng rng = new Rng(3);
        List<Font> seen = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Font f = GlyphSet.get().pick(rng);
            if (!seen.contains(f)) {
                seen.add(f);
            }
        }
        assertThat(seen).hasSize(GlyphSet.FONT_RESOURCES.size());
        Scene a = Scene.generate(200, new Rng(77));
        Scene b = Scene.generate(200, new Rng(77));
        assertThat(a.sentences).isEqualTo(b.sentences);
        assertThat(((java.awt.image.DataBufferInt) a.image.getRaster().getDataBuffer()).getData())
                .isEqualTo(((java.awt.image.DataBufferInt) b.image.getRaster().getDataBuffer()).getData());
    }

    @Test
    @EnabledIfSystemProperty(named = "hanzinet.heavy", matches = "true")
    void heavyAnnotatedSizeDistributionOver60ScenesAtPhotoSize() {
        List<Double> sizes = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            for (List<CtwCharacter> sentence : Scene.generate(PHOTO, new Rng(1000 + i)).sentences) {
                for (CtwCharacter c : sentence) {
                    sizes.add(longSide(c.polygon()));
                }
            }
        }
        double[] s = sizes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        assertThat(s.length).isGreaterThan(600);
        // Big characters are fewer per sign (long lines are shortened to fit), so the per-character median
        // sits below the per-sign one.
        assertThat(s[s.length / 2]).isBetween(25.0, 80.0);
        assertThat(s[(int) (0.95 * s.length)]).isBetween(120.0, 420.0);
    }

    private static double fraction(double[] sorted, double below) {
        int k = 0;
        while (k < sorted.length && sorted[k] < below) {
            k++;
        }
        return (double) k / sorted.length;
    }

    private static double[] centroid(List<CtwCharacter> line) {
        double x = 0;
        double y = 0;
        for (CtwCharacter c : line) {
            x += (c.polygon().minX() + c.polygon().maxX()) / 2;
            y += (c.polygon().minY() + c.polygon().maxY()) / 2;
        }
        return new double[] {x / line.size(), y / line.size()};
    }

    private static double longSide(Polygon p) {
        return Math.max(p.maxX() - p.minX(), p.maxY() - p.minY());
    }

    /** At least two characters whose centres go down much more than across. */
    private static boolean isVertical(List<CtwCharacter> sentence) {
        if (sentence.size() < 2) {
            return false;
        }
        Polygon a = sentence.get(0).polygon();
        Polygon b = sentence.get(sentence.size() - 1).polygon();
        double dx = Math.abs((b.minX() + b.maxX()) - (a.minX() + a.maxX())) / 2;
        double dy = ((b.minY() + b.maxY()) - (a.minY() + a.maxY())) / 2;
        return dy > 2 * dx && dy > 0;
    }
}

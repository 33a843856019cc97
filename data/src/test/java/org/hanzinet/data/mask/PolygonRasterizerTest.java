package org.hanzinet.data.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.data.ctw.BoundingBox;
import org.hanzinet.data.ctw.CtwCharacter;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.data.ctw.IgnoreRegion;
import org.hanzinet.data.ctw.Polygon;
import org.hanzinet.data.testing.ArrayAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolygonRasterizerTest extends HanzinetTestBase {

    static float[] scan(int w, int h, Polygon... ps) {
        float[] m = new float[w * h];
        for (Polygon p : ps) {
            PolygonRasterizer.fill(p, m, 0, w, h, "test");
        }
        return m;
    }

    static float[] seed(int w, int h, Polygon... ps) {
        float[] m = new float[w * h];
        for (Polygon p : ps) {
            SeedRasterizer.fill(p, m, 0, w, h, "test");
        }
        return m;
    }

    static int count(float[] m) {
        int c = 0;
        for (float v : m) {
            c += v != 0 ? 1 : 0;
        }
        return c;
    }

    @Test
    void pixelIsInsideWhenItsCentreIs() {
        // [0.4, 2.6) covers the centres 0.5, 1.5, 2.5; [0.6, 1.4] covers no centre.
        float[] m = scan(4, 4, Polygon.rectangle(0.4, 0.4, 2.2, 2.2));
        assertThat(count(m)).isEqualTo(9);
        assertThat(m[0]).isEqualTo(1f);
        assertThat(m[3]).isEqualTo(0f);
        assertThat(count(scan(4, 4, Polygon.rectangle(0.6, 0.6, 0.8, 0.8)))).isZero();
        // An integer rectangle [1, 3] x [1, 2] covers exactly pixels (1,1) and (2,1).
        float[] r = scan(4, 4, Polygon.rectangle(1, 1, 2, 1));
        assertThat(count(r)).isEqualTo(2);
        assertThat(r[1 * 4 + 1]).isEqualTo(1f);
        assertThat(r[1 * 4 + 2]).isEqualTo(1f);
    }

    @Test
    void overlappingPolygonsGiveTheirUnionNotAHole() {
        Polygon a = Polygon.rectangle(0, 0, 6, 6);
        Polygon b = Polygon.rectangle(3, 3, 6, 6);
        float[] m = scan(10, 10, a, b);
        assertThat(count(m)).isEqualTo(36 + 36 - 9);
        assertThat(m[4 * 10 + 4]).as("overlap pixel").isEqualTo(1f);
    }

    @Test
    void clipsToTheImage() {
        float[] m = scan(5, 4, Polygon.of(-10, -10, 20, -10, 20, 1, -10, 1));
        assertThat(count(m)).isEqualTo(5);
        assertThat(count(scan(5, 4, Polygon.rectangle(100, 100, 5, 5)))).isZero();
        assertThat(count(scan(5, 4, Polygon.rectangle(-50, -50, 5, 5)))).isZero();
    }

    @Test
    void writesOnlyInsideItsWindow() {
        float[] m = new float[2 + 3 * 3 + 2];
        PolygonRasterizer.fill(Polygon.rectangle(-5, -5, 20, 20), m, 2, 3, 3, "window");
        assertThat(m[0] + m[1] + m[11] + m[12]).isZero();
        assertThat(count(m)).isEqualTo(9);
        assertThatThrownBy(() -> PolygonRasterizer.fill(Polygon.rectangle(0, 0, 1, 1), m, 5, 3, 3, "w"))
                .hasMessageContaining("does not fit");
    }

    @ParameterizedTest(name = "{0} random polygons agree with the seed method")
    @ValueSource(ints = {3, 4, 5, 8, 13})
    void agreesExactlyWithEveryPixelRayCasting(int points) {
        for (int trial = 0; trial < 40; trial++) {
            int w = 1 + rng.nextInt(40);
            int h = 1 + rng.nextInt(40);
            List<Polygon> ps = new ArrayList<>();
            for (int k = 0; k < 1 + rng.nextInt(4); k++) {
                ps.add(randomPolygon(points, w, h, trial % 5 == 0));
            }
            Polygon[] arr = ps.toArray(Polygon[]::new);
            ArrayAssert.assertSameFloats(String.format("trial %d %dx%d %s", trial, w, h, ps), scan(w, h, arr), seed(w, h, arr));
        }
    }

    @Test
    void agreesOnEdgesThroughPixelCentres() {
        // Vertices and edges exactly on pixel centres are where conventions usually disagree.
        Polygon diamond = Polygon.of(4.5, 0.5, 8.5, 4.5, 4.5, 8.5, 0.5, 4.5);
        Polygon tri = Polygon.of(0.5, 0.5, 9.5, 0.5, 0.5, 9.5);
        Polygon spike = Polygon.of(2.5, 1.5, 7.5, 1.5, 2.5, 1.5000001, 2.5, 6.5);
        for (Polygon p : List.of(diamond, tri, spike)) {
            ArrayAssert.assertSameFloats(p.toString(), scan(10, 10, p), seed(10, 10, p));
        }
    }

    @Test
    void reducedResolutionComesFromScaledPolygons() {
        Polygon p = Polygon.of(100, 40, 380, 90, 350, 300, 60, 260);
        CtwImage img = new CtwImage("i", "i.jpg", 400, 320,
                List.of(new CtwCharacter(p, null, true, "\u4e2d", List.of())), List.of());
        Tensor small = Masks.characters(img, 100, 80);
        float[] expected = seed(100, 80, p.scaled(0.25, 0.25));
        ArrayAssert.assertSameFloats("small.toArray()", small.toArray(), expected);
        // The area fraction survives the scaling (within the pixel quantisation).
        double fullFraction = count(scan(400, 320, p)) / (400.0 * 320);
        assertThat(small.mean()).isCloseTo(fullFraction, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void degeneratePolygonsAreRejectedNamingImageAndCharacter() {
        CtwCharacter flat = new CtwCharacter(Polygon.of(1, 1, 5, 1, 9, 1, 2, 1), null, true, "\u53e3", List.of());
        CtwCharacter ok = new CtwCharacter(Polygon.rectangle(1, 1, 3, 3), null, true, "\u4e2d", List.of());
        CtwImage img = new CtwImage("img42", "img42.jpg", 20, 20, List.of(ok, flat), List.of());
        assertThatThrownBy(() -> Masks.characters(img, 20, 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image img42 character 1 '\u53e3'")
                .hasMessageContaining("zero area");
        Polygon two = Polygon.of(1, 1, 5, 5);
        assertThatThrownBy(() -> scan(4, 4, two)).hasMessageContaining("2 point(s)");
        Polygon nan = Polygon.of(1, 1, 5, Double.NaN, 3, 3);
        assertThatThrownBy(() -> scan(4, 4, nan)).hasMessageContaining("not finite");
    }

    @Test
    void ignoreMaskCoversTheIgnoreRegions() {
        IgnoreRegion r = new IgnoreRegion(new BoundingBox(2, 2, 4, 3), Polygon.rectangle(2, 2, 4, 3));
        CtwImage img = new CtwImage("i", "i.jpg", 10, 10, List.of(), List.of(r));
        Tensor ign = Masks.ignore(img, 10, 10);
        assertThat(ign.shape()).containsExactly(1, 10, 10);
        assertThat(ign.sum()).isEqualTo(12.0);
        assertThat(ign.get(0, 2, 2)).isEqualTo(1f);
        assertThat(Masks.characters(img, 10, 10).sum()).as("no characters -> empty mask").isZero();
    }

    private Polygon randomPolygon(int points, int w, int h, boolean snapToHalves) {
        // Star-shaped around a centre (so simple), radii random, partly outside the image at times.
        double cx = rng.uniform(-5, w + 5);
        double cy = rng.uniform(-5, h + 5);
        double[] xy = new double[2 * points];
        double start = rng.nextDouble() * 2 * Math.PI;
        for (int i = 0; i < points; i++) {
            double a = start + 2 * Math.PI * i / points;
            double r = 1 + rng.nextDouble() * Math.max(w, h) / 2.0;
            xy[2 * i] = cx + r * Math.cos(a);
            xy[2 * i + 1] = cy + r * Math.sin(a);
            if (snapToHalves) {
                xy[2 * i] = Math.round(xy[2 * i] * 2) / 2.0;
                xy[2 * i + 1] = Math.round(xy[2 * i + 1] * 2) / 2.0;
            }
        }
        Polygon p = Polygon.of(xy);
        return p.defect() == null ? p : Polygon.rectangle(cx, cy, 2, 2);
    }
}

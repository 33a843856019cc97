package org.hanzinet.data.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hanzinet.data.ctw.CtwCharacter;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.data.ctw.IgnoreRegion;
import org.hanzinet.data.ctw.Polygon;
import org.hanzinet.data.mask.PolygonRasterizer;

/**
 * Character detection from a probability map: the 8-connected components of {@code p > threshold}
 * ({@link ConnectedComponents}) are matched one-to-one to the image's character polygons (rasterised
 * with {@link PolygonRasterizer}, pixel-centre rule) by pixel IoU {@code >= minIou}, greedily in order
 * of decreasing IoU (ties: lower character index, then lower component label). Greedy is enough here:
 * at IoU > 0.5 a component can overlap at most one of several disjoint characters that well, so greedy
 * and Hungarian only differ when characters overlap each other. A matched character is a true positive,
 * an unmatched character a false negative, both in the bucket of the character's adjusted bbox; an
 * unmatched component is a false positive in the bucket of its own pixel box, unless more than
 * {@code ignoreFraction} of its pixels lie inside the image's ignore regions, when it is not counted.
 * Every character of the record counts, the same set as the pixel masks: with the reader's default
 * selection ({@code CHINESE_ONLY}, as CTW scores) that is the Chinese characters.
 */
public final class CharacterDetection {
    /**
     * Settings: threshold on p, minimum IoU for a match, ignore share above which a component is left out, and
     * the decoding: {@code splitAspect} 0 takes every component as one character; a value above 1 first cuts
     * components at least that elongated into square pieces ({@link ConnectedComponents#splitRuns}), because
     * the characters of a sign touch in the mask and one component would otherwise cover a whole line.
     */
    public record Config(double threshold, double minIou, double ignoreFraction, double splitAspect) {
        /** Plain components (no splitting). */
        public Config(double threshold, double minIou, double ignoreFraction) {
            this(threshold, minIou, ignoreFraction, 0);
        }

        public Config {
            if (!(threshold >= 0 && threshold < 1)) {
                throw new IllegalArgumentException("CharacterDetection.Config: threshold " + threshold
                        + " is not in [0, 1)");
            }
            if (!(minIou > 0 && minIou <= 1)) {
                throw new IllegalArgumentException("CharacterDetection.Config: minIou " + minIou + " is not in (0, 1]");
            }
            if (!(ignoreFraction >= 0 && ignoreFraction < 1)) {
                throw new IllegalArgumentException("CharacterDetection.Config: ignoreFraction " + ignoreFraction
                        + " is not in [0, 1)");
            }
            if (!(splitAspect == 0 || (splitAspect > 1 && Double.isFinite(splitAspect)))) {
                throw new IllegalArgumentException("CharacterDetection.Config: splitAspect " + splitAspect
                        + " must be 0 (no splitting) or a finite number > 1");
            }
        }

        /** {@link #defaults()} with runs of touching characters cut apart: components 1.5 times as long as wide. */
        public static Config splittingRuns() {
            return new Config(0.5, 0.5, 0.5, 1.5);
        }

        /** Threshold 0.5, IoU 0.5, components more than half inside ignore regions left out. */
        public static Config defaults() {
            return new Config(0.5, 0.5, 0.5);
        }
    }

    private record Candidate(int character, int component, double iou) {
    }

    private final Config config;
    private final EnumMap<SizeBucket, DetectionScore> totals = new EnumMap<>(SizeBucket.class);
    private float[] scratch = new float[0];

    public CharacterDetection(Config config) {
        this.config = config;
        for (SizeBucket b : SizeBucket.values()) {
            totals.put(b, new DetectionScore(0, 0, 0));
        }
    }

    /**
     * Scores one photo and adds it to the totals. {@code probs}: {@code [H, W]} of the photo at its own
     * resolution, {@code H = image.height()}, {@code W = image.width()}, starting at {@code offset}.
     *
     * @return this photo's scores alone
     */
    public DetectionMetrics add(CtwImage image, float[] probs, int offset) {
        ConnectedComponents cc = ConnectedComponents.of(probs, offset, image.width(), image.height(),
                config.threshold());
        if (config.splitAspect() > 0) {
            cc = cc.splitRuns(probs, offset, config.splitAspect());
        }
        List<CtwCharacter> chars = image.characters();
        int[] charArea = new int[chars.size()];
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < chars.size(); i++) {
            Map<Integer, Integer> overlap = new HashMap<>();
            charArea[i] = overlapWithComponents(cc, chars.get(i).polygon(), image.describeCharacter(i), overlap);
            for (Map.Entry<Integer, Integer> e : overlap.entrySet()) {
                int inter = e.getValue();
                double iou = (double) inter / (charArea[i] + cc.area(e.getKey()) - inter);
                if (iou >= config.minIou()) {
                    candidates.add(new Candidate(i, e.getKey(), iou));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::iou).reversed()
                .thenComparingInt(Candidate::character).thenComparingInt(Candidate::component));
        boolean[] charMatched = new boolean[chars.size()];
        boolean[] compMatched = new boolean[cc.count() + 1];
        for (Candidate c : candidates) {
            if (!charMatched[c.character()] && !compMatched[c.component()]) {
                charMatched[c.character()] = true;
                compMatched[c.component()] = true;
            }
        }
        EnumMap<SizeBucket, DetectionScore> image1 = new EnumMap<>(SizeBucket.class);
        for (SizeBucket b : SizeBucket.values()) {
            image1.put(b, new DetectionScore(0, 0, 0));
        }
        for (int i = 0; i < chars.size(); i++) {
            var box = chars.get(i).adjustedBbox();
            SizeBucket b = SizeBucket.of(Math.max(box.w(), box.h()));
            image1.merge(b, charMatched[i] ? new DetectionScore(1, 0, 0) : new DetectionScore(0, 0, 1),
                    DetectionScore::plus);
        }
        for (int c = 1; c <= cc.count(); c++) {
            if (!compMatched[c] && !mostlyIgnored(cc, c, image)) {
                image1.merge(SizeBucket.of(cc.longerSide(c)), new DetectionScore(0, 1, 0), DetectionScore::plus);
            }
        }
        image1.forEach((b, s) -> totals.merge(b, s, DetectionScore::plus));
        return metrics(image1);
    }

    /** Scores over every photo added so far. */
    public DetectionMetrics result() {
        return metrics(totals);
    }

    private static DetectionMetrics metrics(Map<SizeBucket, DetectionScore> bySize) {
        DetectionScore all = new DetectionScore(0, 0, 0);
        for (DetectionScore s : bySize.values()) {
            all = all.plus(s);
        }
        return new DetectionMetrics(all, bySize);
    }

    /** Rasterises the polygon in its own box; fills {@code overlap} (label -> shared pixels); returns its area. */
    private int overlapWithComponents(ConnectedComponents cc, Polygon polygon, String what, Map<Integer, Integer> overlap) {
        polygon.requireValid(what);
        int x0 = clamp((int) Math.floor(polygon.minX()), cc.width());
        int y0 = clamp((int) Math.floor(polygon.minY()), cc.height());
        int x1 = clamp((int) Math.ceil(polygon.maxX()) + 1, cc.width());
        int y1 = clamp((int) Math.ceil(polygon.maxY()) + 1, cc.height());
        float[] window = window(x0, y0, x1, y1, List.of(polygon), what);
        int area = 0;
        for (int y = y0, k = 0; y < y1; y++) {
            for (int x = x0; x < x1; x++, k++) {
                if (window[k] > 0.5f) {
                    area++;
                    int l = cc.label(x, y);
                    if (l != 0) {
                        overlap.merge(l, 1, Integer::sum);
                    }
                }
            }
        }
        return area;
    }

    private boolean mostlyIgnored(ConnectedComponents cc, int label, CtwImage image) {
        if (image.ignores().isEmpty()) {
            return false;
        }
        int x0 = cc.minX(label);
        int y0 = cc.minY(label);
        int x1 = cc.maxX(label) + 1;
        int y1 = cc.maxY(label) + 1;
        List<Polygon> regions = image.ignores().stream().map(IgnoreRegion::polygon).toList();
        float[] window = window(x0, y0, x1, y1, regions, "image " + image.imageId() + " ignore region");
        long inside = 0;
        for (int y = y0, k = 0; y < y1; y++) {
            for (int x = x0; x < x1; x++, k++) {
                if (window[k] > 0.5f && cc.label(x, y) == label) {
                    inside++;
                }
            }
        }
        return inside > config.ignoreFraction() * cc.area(label);
    }

    /** The union of {@code polygons} rasterised into the window {@code [x0, x1) x [y0, y1)} (reused buffer). */
    private float[] window(int x0, int y0, int x1, int y1, List<Polygon> polygons, String what) {
        int w = x1 - x0;
        int h = y1 - y0;
        int n = Math.max(0, w) * Math.max(0, h);
        if (scratch.length < n) {
            scratch = new float[n];
        }
        Arrays.fill(scratch, 0, n, 0f);
        if (n > 0) {
            for (Polygon p : polygons) {
                PolygonRasterizer.fill(shifted(p, -x0, -y0), scratch, 0, w, h, what);
            }
        }
        return scratch;
    }

    private static Polygon shifted(Polygon p, double dx, double dy) {
        double[] xs = p.xs().clone();
        double[] ys = p.ys().clone();
        for (int i = 0; i < xs.length; i++) {
            xs[i] += dx;
            ys[i] += dy;
        }
        return new Polygon(xs, ys);
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(size, v));
    }
}

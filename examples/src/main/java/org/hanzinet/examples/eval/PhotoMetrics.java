package org.hanzinet.examples.eval;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hanzinet.data.eval.DetectionMetrics;
import org.hanzinet.data.eval.DetectionScore;
import org.hanzinet.data.eval.SizeBucket;
import org.hanzinet.nn.train.Metrics;
import org.hanzinet.nn.train.PixelMetrics;

/**
 * Scores of a model on every photo of a CTW folder at the photos' own resolution, written as
 * {@code metrics.json}: pixel metrics ({@link PixelMetrics}, ignore regions left out) and character
 * detection ({@link org.hanzinet.data.eval.CharacterDetection}) over all characters and per CTW size.
 */
public record PhotoMetrics(String data, int photos, Metrics pixels, List<CharacterScores> characters) {

    /** One row of the character table: {@code size} is "all", "<16", "16-32" or ">=32". */
    public record CharacterScores(String size, long truePositives, long falsePositives, long falseNegatives,
                                  double precision, double recall, double f) {
        static CharacterScores of(String size, DetectionScore s) {
            return new CharacterScores(size, s.truePositives(), s.falsePositives(), s.falseNegatives(),
                    s.precision(), s.recall(), s.f());
        }
    }

    public static PhotoMetrics of(String data, int photos, Metrics pixels, DetectionMetrics detection) {
        List<CharacterScores> rows = new ArrayList<>();
        rows.add(CharacterScores.of("all", detection.all()));
        for (SizeBucket b : SizeBucket.values()) {
            rows.add(CharacterScores.of(b.label(), detection.of(b)));
        }
        return new PhotoMetrics(data, photos, pixels, List.copyOf(rows));
    }

    /** The row of {@code size} ("all", "<16", "16-32", ">=32"). */
    public CharacterScores characters(String size) {
        return characters.stream().filter(c -> c.size().equals(size)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("PhotoMetrics: no character row '" + size + "'"));
    }

    /** The metrics as a small text table (the CLI's stdout and the report). */
    public void print(PrintWriter out) {
        out.printf(Locale.ROOT, "%d photos of %s at their own resolution, threshold %.2f, ignore regions left out%n",
                photos, data, pixels.threshold());
        out.printf(Locale.ROOT, "pixels       precision %.4f  recall %.4f  F1 %.4f  IoU %.4f%n",
                pixels.precision(), pixels.recall(), pixels.f1(), pixels.iou());
        out.printf(Locale.ROOT, "%-12s %6s %6s %6s %9s %7s %7s%n", "characters", "TP", "FP", "FN", "precision",
                "recall", "F");
        for (CharacterScores c : characters) {
            out.printf(Locale.ROOT, "  %-10s %6d %6d %6d %9.4f %7.4f %7.4f%n", c.size(), c.truePositives(),
                    c.falsePositives(), c.falseNegatives(), c.precision(), c.recall(), c.f());
        }
        out.flush();
    }
}

package org.hanzinet.data.eval;

/**
 * Character-detection counts and their ratios: precision {@code tp / (tp + fp)}, recall
 * {@code tp / (tp + fn)}, F their harmonic mean; a ratio with a zero denominator is NaN (nothing to
 * measure), F is 0 when precision and recall are both 0.
 */
public record DetectionScore(long truePositives, long falsePositives, long falseNegatives) {
    public DetectionScore {
        if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0) {
            throw new IllegalArgumentException("DetectionScore: negative count tp=" + truePositives
                    + " fp=" + falsePositives + " fn=" + falseNegatives);
        }
    }

    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    public double f() {
        double p = precision();
        double r = recall();
        if (Double.isNaN(p) || Double.isNaN(r)) {
            return Double.NaN;
        }
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public DetectionScore plus(DetectionScore o) {
        return new DetectionScore(truePositives + o.truePositives, falsePositives + o.falsePositives,
                falseNegatives + o.falseNegatives);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }
}

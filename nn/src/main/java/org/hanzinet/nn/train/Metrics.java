package org.hanzinet.nn.train;

/**
 * Test-split metrics at {@code threshold} over all non-ignored pixels, written by the examples as {@code metrics.json}.
 * Ratios are NaN (JSON {@code null}-free: written as the string "NaN") when their denominator is zero,
 * e.g. precision when nothing was predicted positive.
 *
 * @param seedAccuracy   the seed's formula, see {@link PixelMetrics#seedAccuracy()}
 * @param positiveRate   fraction of counted pixels that are character pixels
 */
public record Metrics(int images, long pixels, double threshold, double loss, double pixelAccuracy,
                      double precision, double recall, double f1, double iou, double seedAccuracy,
                      double positiveRate, long truePositives, long falsePositives, long falseNegatives,
                      long trueNegatives) {}

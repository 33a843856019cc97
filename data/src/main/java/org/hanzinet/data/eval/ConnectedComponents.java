package org.hanzinet.data.eval;

import java.util.Arrays;

/**
 * 8-connected components of a thresholded probability map ({@code [H, W]} row-major window of a float
 * array), labelled 1..count in raster order of their first pixel, 0 = background. The fill is iterative
 * with an explicit, growable stack of pixel indices, so an 8000 x 8000 map cannot overflow the call
 * stack; the stack holds each pixel at most once (pixels are labelled when pushed).
 */
public final class ConnectedComponents {
    private final int width;
    private final int height;
    private final int[] labels;
    private final int count;
    private final int[] area;
    // per component (index = label): inclusive bounding box in pixels
    private final int[] minX;
    private final int[] minY;
    private final int[] maxX;
    private final int[] maxY;

    private ConnectedComponents(int width, int height, int[] labels, int count) {
        this.width = width;
        this.height = height;
        this.labels = labels;
        this.count = count;
        this.area = new int[count + 1];
        this.minX = filled(count + 1, Integer.MAX_VALUE);
        this.minY = filled(count + 1, Integer.MAX_VALUE);
        this.maxX = filled(count + 1, -1);
        this.maxY = filled(count + 1, -1);
        for (int y = 0, i = 0; y < height; y++) {
            for (int x = 0; x < width; x++, i++) {
                int l = labels[i];
                if (l != 0) {
                    area[l]++;
                    minX[l] = Math.min(minX[l], x);
                    maxX[l] = Math.max(maxX[l], x);
                    minY[l] = Math.min(minY[l], y);
                    maxY[l] = Math.max(maxY[l], y);
                }
            }
        }
    }

    /**
     * Labels the pixels of {@code probs[offset .. offset + width*height)} with a value strictly above
     * {@code threshold} (the same rule as the pixel metrics).
     */
    public static ConnectedComponents of(float[] probs, int offset, int width, int height, double threshold) {
        if (width < 1 || height < 1 || (long) width * height > Integer.MAX_VALUE
                || offset < 0 || offset + (long) width * height > probs.length) {
            throw new IllegalArgumentException("ConnectedComponents: window [H=" + height + ", W=" + width
                    + "] at offset " + offset + " does not fit an array of " + probs.length);
        }
        int n = width * height;
        int[] labels = new int[n];
        int[] stack = new int[64];
        int next = 0;
        for (int start = 0; start < n; start++) {
            if (labels[start] != 0 || !(probs[offset + start] > threshold)) {
                continue;
            }
            int label = ++next;
            labels[start] = label;
            int top = 0;
            stack[top++] = start;
            while (top > 0) {
                int p = stack[--top];
                int px = p % width;
                int py = p / width;
                for (int y = Math.max(0, py - 1); y <= Math.min(height - 1, py + 1); y++) {
                    for (int x = Math.max(0, px - 1); x <= Math.min(width - 1, px + 1); x++) {
                        int q = y * width + x;
                        if (labels[q] == 0 && probs[offset + q] > threshold) {
                            labels[q] = label;
                            if (top == stack.length) {
                                stack = Arrays.copyOf(stack, (int) Math.min(n, 2L * stack.length));
                            }
                            stack[top++] = q;
                        }
                    }
                }
            }
        }
        return new ConnectedComponents(width, height, labels, next);
    }

    /**
     * These components with every elongated one cut into roughly square pieces: a component at least
     * {@code minAspect} times as wide as tall is taken for a horizontal run of {@code k = round(w / h)} touching
     * characters (Chinese characters are about square) and cut across at {@code k - 1} columns; a tall one
     * likewise at rows. Each cut is the column (row) of least summed probability within a quarter of a
     * character of its evenly spaced place, where the gap between two characters usually is. Labels are
     * renumbered 1..count in raster order of their first pixel, as {@link #of} numbers them.
     *
     * @param probs the map the components were labelled from, at {@code offset}
     */
    public ConnectedComponents splitRuns(float[] probs, int offset, double minAspect) {
        if (!(minAspect > 1)) {
            throw new IllegalArgumentException("ConnectedComponents.splitRuns: minAspect " + minAspect + " must be > 1");
        }
        int[][] cuts = new int[count + 1][];
        boolean[] acrossX = new boolean[count + 1]; // cut at columns (a horizontal run)
        for (int l = 1; l <= count; l++) {
            int w = maxX[l] - minX[l] + 1;
            int h = maxY[l] - minY[l] + 1;
            if (w >= minAspect * h) {
                acrossX[l] = true;
                cuts[l] = cuts(profile(probs, offset, l, true), minX[l], (int) Math.round((double) w / h));
            } else if (h >= minAspect * w) {
                cuts[l] = cuts(profile(probs, offset, l, false), minY[l], (int) Math.round((double) h / w));
            }
        }
        int[] pieceLabels = new int[labels.length];
        int[] firstPiece = new int[count + 2];
        for (int l = 1; l <= count; l++) {
            firstPiece[l + 1] = firstPiece[l] + (cuts[l] == null ? 1 : cuts[l].length + 1);
        }
        for (int y = 0, i = 0; y < height; y++) {
            for (int x = 0; x < width; x++, i++) {
                int l = labels[i];
                if (l != 0) {
                    int piece = 0;
                    if (cuts[l] != null) {
                        int at = acrossX[l] ? x : y;
                        while (piece < cuts[l].length && at >= cuts[l][piece]) {
                            piece++;
                        }
                    }
                    pieceLabels[i] = firstPiece[l] + piece + 1;
                }
            }
        }
        // Renumber in raster order of first pixel; pieces that got no pixel disappear.
        int[] renumber = new int[firstPiece[count + 1] + 1];
        int next = 0;
        for (int i = 0; i < pieceLabels.length; i++) {
            int l = pieceLabels[i];
            if (l != 0) {
                if (renumber[l] == 0) {
                    renumber[l] = ++next;
                }
                pieceLabels[i] = renumber[l];
            }
        }
        return new ConnectedComponents(width, height, pieceLabels, next);
    }

    /** Summed probability of component {@code l} per column ({@code columns}) or per row of its box. */
    private double[] profile(float[] probs, int offset, int l, boolean columns) {
        double[] sum = new double[columns ? maxX[l] - minX[l] + 1 : maxY[l] - minY[l] + 1];
        for (int y = minY[l]; y <= maxY[l]; y++) {
            for (int x = minX[l]; x <= maxX[l]; x++) {
                int i = y * width + x;
                if (labels[i] == l) {
                    sum[columns ? x - minX[l] : y - minY[l]] += probs[offset + i];
                }
            }
        }
        return sum;
    }

    /** {@code k - 1} increasing cut positions (absolute coordinates; a cut starts the next piece). */
    private static int[] cuts(double[] profile, int origin, int k) {
        int n = profile.length;
        int[] out = new int[k - 1];
        int reach = n / (4 * k);
        for (int j = 1; j < k; j++) {
            int nominal = (int) Math.round((double) n * j / k);
            int best = nominal;
            for (int c = Math.max(1, nominal - reach); c <= Math.min(n - 1, nominal + reach); c++) {
                if (profile[c] < profile[best] || (profile[c] == profile[best]
                        && Math.abs(c - nominal) < Math.abs(best - nominal))) {
                    best = c;
                }
            }
            out[j - 1] = origin + best;
        }
        return out;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int count() {
        return count;
    }

    /** Label of pixel (x, y): 0 = background, else 1..count. */
    public int label(int x, int y) {
        return labels[y * width + x];
    }

    /** Pixel count of component {@code label} (1..count). */
    public int area(int label) {
        return area[label];
    }

    public int minX(int label) {
        return minX[label];
    }

    public int minY(int label) {
        return minY[label];
    }

    public int maxX(int label) {
        return maxX[label];
    }

    public int maxY(int label) {
        return maxY[label];
    }

    /** Longer side of the component's bounding box in pixels. */
    public int longerSide(int label) {
        return Math.max(maxX[label] - minX[label] + 1, maxY[label] - minY[label] + 1);
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }
}

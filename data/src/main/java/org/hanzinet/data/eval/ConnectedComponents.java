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

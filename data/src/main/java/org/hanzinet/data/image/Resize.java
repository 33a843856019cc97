package org.hanzinet.data.image;

/**
 * Resizes {@link RgbImage}s, separably along x then y. Shrinking averages areas: output pixel
 * {@code o} is the mean of source interval {@code [o * s, (o + 1) * s)} with fractional coverage at
 * its ends ({@code s = in / out}), so fine detail is not aliased away as with sampling. Enlarging is
 * bilinear with half-pixel centres (align_corners = false). The geometry matches
 * {@code Polygon.scaled(out / in)}: a point at {@code x} in the source is at {@code x * out / in}.
 */
public final class Resize {
    private Resize() {
    }

    /** {@code src} resized to {@code outW x outH}; {@code src} itself when the size is unchanged. */
    public static RgbImage to(RgbImage src, int outW, int outH) {
        if (outW <= 0 || outH <= 0) {
            throw new IllegalArgumentException("target size must be positive, got " + outW + "x" + outH);
        }
        if (outW == src.width() && outH == src.height()) {
            return src;
        }
        Axis ax = Axis.of(src.width(), outW);
        Axis ay = Axis.of(src.height(), outH);
        // [srcH, outW, 3] floats after the horizontal pass.
        float[] tmp = new float[src.height() * outW * 3];
        byte[] in = src.bytes();
        for (int y = 0; y < src.height(); y++) {
            int rowIn = y * src.width() * 3;
            int rowOut = y * outW * 3;
            for (int o = 0; o < outW; o++) {
                float r = 0;
                float g = 0;
                float b = 0;
                for (int k = ax.start[o]; k < ax.start[o + 1]; k++) {
                    int p = rowIn + ax.index[k] * 3;
                    float wt = ax.weight[k];
                    r += wt * (in[p] & 0xFF);
                    g += wt * (in[p + 1] & 0xFF);
                    b += wt * (in[p + 2] & 0xFF);
                }
                tmp[rowOut + o * 3] = r;
                tmp[rowOut + o * 3 + 1] = g;
                tmp[rowOut + o * 3 + 2] = b;
            }
        }
        byte[] out = new byte[outW * outH * 3];
        float[] acc = new float[outW * 3];
        for (int o = 0; o < outH; o++) {
            java.util.Arrays.fill(acc, 0f);
            for (int k = ay.start[o]; k < ay.start[o + 1]; k++) {
                int row = ay.index[k] * outW * 3;
                float wt = ay.weight[k];
                for (int i = 0; i < acc.length; i++) {
                    acc[i] += wt * tmp[row + i];
                }
            }
            int base = o * outW * 3;
            for (int i = 0; i < acc.length; i++) {
                out[base + i] = (byte) Math.max(0, Math.min(255, Math.round(acc[i])));
            }
        }
        return new RgbImage(outW, outH, out);
    }

    /** Sparse weights of one axis: output {@code o} reads {@code index[start[o] .. start[o+1])}. */
    static final class Axis {
        final int[] start;
        final int[] index;
        final float[] weight;

        private Axis(int[] start, int[] index, float[] weight) {
            this.start = start;
            this.index = index;
            this.weight = weight;
        }

        static Axis of(int in, int out) {
            return in >= out ? area(in, out) : bilinear(in, out);
        }

        private static Axis area(int in, int out) {
            double s = (double) in / out;
            int[] start = new int[out + 1];
            int max = (int) Math.ceil(s) + 1;
            int[] index = new int[out * max];
            float[] weight = new float[out * max];
            int k = 0;
            for (int o = 0; o < out; o++) {
                start[o] = k;
                double lo = o * s;
                double hi = Math.min(in, (o + 1) * s);
                for (int i = (int) Math.floor(lo); i < hi && i < in; i++) {
                    double cover = Math.min(hi, i + 1) - Math.max(lo, i);
                    if (cover > 1e-12) {
                        index[k] = i;
                        weight[k++] = (float) (cover / s);
                    }
                }
            }
            start[out] = k;
            return new Axis(start, index, weight);
        }

        private static Axis bilinear(int in, int out) {
            double s = (double) in / out;
            int[] start = new int[out + 1];
            int[] index = new int[out * 2];
            float[] weight = new float[out * 2];
            for (int o = 0; o < out; o++) {
                double c = Math.max(0, (o + 0.5) * s - 0.5);
                int i0 = Math.min(in - 1, (int) Math.floor(c));
                int i1 = Math.min(in - 1, i0 + 1);
                float f = (float) (c - i0);
                start[o] = 2 * o;
                index[2 * o] = i0;
                weight[2 * o] = 1 - f;
                index[2 * o + 1] = i1;
                weight[2 * o + 1] = f;
            }
            start[out] = 2 * out;
            return new Axis(start, index, weight);
        }
    }
}

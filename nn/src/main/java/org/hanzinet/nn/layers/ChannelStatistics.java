package org.hanzinet.nn.layers;

import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.simd.NormKernels;
import org.hanzinet.core.simd.VectorizationProvider;

/**
 * The per-channel passes of {@link BatchNorm2d} over an [N, C, H, W] tensor, whose channel c is the N
 * planes of H*W floats at {@code (n * C + c) * H * W}. Statistics run one channel per task (so the result
 * does not depend on the thread count), element-wise passes one plane per task.
 */
final class ChannelStatistics {
    static final NormKernels K = VectorizationProvider.get().normKernels();

    /**
     * A plane's sums are accepted around a shift whose distance d from the plane's mean satisfies
     * d^2 <= this * variance: the float lanes then lose at most log2(1 + this) bits to cancellation.
     * Otherwise the plane is summed again around its own mean (from cache: a plane is at most a few
     * hundred KB), so one pass over memory suffices whatever the data.
     */
    private static final double MAX_SHIFT_RATIO = 16;

    private ChannelStatistics() {}

    /** Per-channel loop body. */
    @FunctionalInterface
    interface ChannelBody {
        void run(int c, double[] scratch);
    }

    /** Per-plane loop body: plane p = n * C + c starts at {@code p * hw}. */
    @FunctionalInterface
    interface PlaneBody {
        void run(int plane, int c);
    }

    /** Runs {@code body} for every channel, in parallel; each task gets its own two-double scratch array. */
    static void forChannels(int channels, int elementsPerChannel, ChannelBody body) {
        int minChannels = Math.max(1, LayerSupport.MIN_CHUNK / Math.max(1, elementsPerChannel));
        Parallel.forRange(channels, minChannels, (from, to) -> {
            double[] scratch = new double[2];
            for (int c = from; c < to; c++) {
                body.run(c, scratch);
            }
        });
    }

    /** Runs {@code body} for every plane of [n, channels, hw], in parallel. */
    static void forPlanes(int n, int channels, int hw, PlaneBody body) {
        int minPlanes = Math.max(1, LayerSupport.MIN_CHUNK / Math.max(1, hw));
        Parallel.forRange(n * channels, minPlanes, (from, to) -> {
            for (int p = from; p < to; p++) {
                body.run(p, p % channels);
            }
        });
    }

    /**
     * Mean and sum of squared deviations of channel {@code c} of {@code x} [N, C, HW]: out[0] = mean,
     * out[1] = sum((x - mean)^2), in double. Each plane is summed around a shift (the running mean of the
     * planes before it; the first value for the first plane) and the planes are merged with Chan's
     * parallel update, so no sum of squares ever cancels.
     */
    static void meanAndM2(Tensor x, int c, double[] out) {
        int n = x.size(0), channels = x.size(1), hw = x.size(2) * x.size(3);
        float[] d = x.data();
        double count = 0, mean = 0, m2 = 0;
        float shift = d[x.offset() + c * hw];
        for (int i = 0; i < n; i++) {
            int off = x.offset() + (i * channels + c) * hw;
            K.moments(shift, d, off, hw, out);
            double dm = out[0] / hw;
            double planeM2 = out[1] - out[0] * dm;
            if (dm * dm * hw > MAX_SHIFT_RATIO * planeM2) {
                shift = (float) (shift + dm);
                K.moments(shift, d, off, hw, out);
                dm = out[0] / hw;
                planeM2 = out[1] - out[0] * dm;
            }
            double planeMean = shift + dm;
            double total = count + hw;
            double delta = planeMean - mean;
            mean += delta * hw / total;
            m2 += Math.max(0, planeM2) + delta * delta * count * hw / total;
            count = total;
            shift = (float) mean;
        }
        out[0] = mean;
        out[1] = m2;
    }

    /** out[0] = sum(g), out[1] = sum(g * (x - shift)) over channel {@code c} of g and x [N, C, H, W], in double. */
    static void gradSums(Tensor g, Tensor x, int c, float shift, double[] out) {
        int n = x.size(0), channels = x.size(1), hw = x.size(2) * x.size(3);
        double sg = 0, sgx = 0;
        for (int i = 0; i < n; i++) {
            int plane = (i * channels + c) * hw;
            K.gradMoments(shift, g.data(), g.offset() + plane, x.data(), x.offset() + plane, hw, out);
            sg += out[0];
            sgx += out[1];
        }
        out[0] = sg;
        out[1] = sgx;
    }
}

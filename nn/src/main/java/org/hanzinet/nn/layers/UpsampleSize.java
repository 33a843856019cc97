package org.hanzinet.nn.layers;

import org.hanzinet.core.Shapes;

/**
 * The output size rule the 2-D up-sampling layers share with PyTorch's {@code interpolate}: either a fixed
 * size or scale factors ({@code out = floor(in * scale)}), never both.
 */
final class UpsampleSize {
    private UpsampleSize() {}

    /** Throws, naming {@code layer} and all four values, unless exactly one of the pairs is set and valid. */
    static void validate(String layer, Integer outH, Integer outW, Double scaleH, Double scaleW) {
        boolean size = outH != null || outW != null;
        boolean scale = scaleH != null || scaleW != null;
        if (size == scale) {
            throw new IllegalArgumentException(layer + ": give either outH and outW or scaleH and scaleW, got "
                    + "outH=" + outH + ", outW=" + outW + ", scaleH=" + scaleH + ", scaleW=" + scaleW);
        }
        if (size) {
            LayerSupport.requirePositive(layer + " outH", outH == null ? 0 : outH);
            LayerSupport.requirePositive(layer + " outW", outW == null ? 0 : outW);
        } else if (scaleH == null || scaleW == null || !(scaleH > 0) || !(scaleW > 0) || scaleH.isInfinite()
                || scaleW.isInfinite()) {
            throw new IllegalArgumentException(layer + ": scaleH and scaleW must be positive and finite, got "
                    + scaleH + " and " + scaleW);
        }
    }

    /** {@code [N, C, H, W] -> [N, C, OH, OW]}; throws naming {@code layer} and the shape when it does not fit. */
    static int[] outputShape(String layer, int[] in, Integer outH, Integer outW, Double scaleH, Double scaleW) {
        if (in.length != 4 || in[2] < 1 || in[3] < 1) {
            throw new IllegalArgumentException(layer + ": expected a 4-D input [N, C, H, W] with H, W >= 1, "
                    + "got shape " + Shapes.toString(in));
        }
        int oh = outH != null ? outH : (int) Math.floor(in[2] * scaleH);
        int ow = outW != null ? outW : (int) Math.floor(in[3] * scaleW);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException(layer + ": scale factors (" + scaleH + ", " + scaleW
                    + ") give an empty output " + oh + "x" + ow + " for input " + Shapes.toString(in));
        }
        return new int[] {in[0], in[1], oh, ow};
    }
}

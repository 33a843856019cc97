package org.hanzinet.nn.layers;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A (height, width) pair of a 2-D layer setting: kernel size, stride, padding, output padding. Like
 * PyTorch's int-or-tuple arguments it reads and writes as one JSON int when both are equal
 * ({@code "kernel":3}) and as {@code [h, w]} otherwise ({@code "kernel":[3,5]}), so the configs of square
 * layers keep their JSON form. {@link #toString()} is PyTorch's repr of the tuple, {@code (3, 5)}.
 */
public record Size2d(int h, int w) {

    /** Both sides {@code v}. */
    public static Size2d square(int v) {
        return new Size2d(v, v);
    }

    public boolean isSquare() {
        return h == w;
    }

    /** Throws {@link IllegalArgumentException} "{@code layer}: {@code what} must be >= {@code min}, got ..." otherwise. */
    Size2d requireAtLeast(String layer, String what, int min) {
        if (h < min || w < min) {
            throw new IllegalArgumentException(layer + ": " + what + " must be >= " + min + ", got " + this);
        }
        return this;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Size2d fromJson(JsonNode n) {
        if (n.isInt()) {
            return square(n.intValue());
        }
        if (n.isArray() && n.size() == 2 && n.get(0).isInt() && n.get(1).isInt()) {
            return new Size2d(n.get(0).intValue(), n.get(1).intValue());
        }
        throw new IllegalArgumentException("expected an int or [h, w], got " + n);
    }

    @JsonValue
    Object toJson() {
        return isSquare() ? (Object) h : new int[] {h, w};
    }

    @Override
    public String toString() {
        return "(" + h + ", " + w + ")";
    }
}

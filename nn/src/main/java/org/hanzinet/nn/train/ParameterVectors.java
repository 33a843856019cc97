package org.hanzinet.nn.train;

import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Parameter;

/**
 * A model's parameter values or gradients as one flat {@code float[]} in {@link Module#namedParameters()}
 * order: what a cluster trainer broadcasts (weights) and sums (gradients). Two models built from the
 * same definition lay out their vectors identically.
 */
public final class ParameterVectors {
    private ParameterVectors() {}

    /** A copy of every parameter value, concatenated: {@code [parameterCount]}. */
    public static float[] values(Module model) {
        return gather(model, false);
    }

    /** A copy of every accumulated gradient, concatenated: {@code [parameterCount]}. */
    public static float[] gradients(Module model) {
        return gather(model, true);
    }

    /** Overwrites every parameter value from {@code flat [parameterCount]}. */
    public static void loadValues(Module model, float[] flat) {
        scatter(model, flat, false);
    }

    /** Overwrites every parameter gradient from {@code flat [parameterCount]}. */
    public static void loadGradients(Module model, float[] flat) {
        scatter(model, flat, true);
    }

    /** {@code acc += x} element-wise; returns {@code acc}. */
    public static float[] addInto(float[] acc, float[] x) {
        requireLength("addInto", acc.length, x.length);
        for (int i = 0; i < acc.length; i++) {
            acc[i] += x[i];
        }
        return acc;
    }

    /** {@code acc[i] = acc[i] * alpha}; returns {@code acc}. */
    public static float[] scale(float[] acc, float alpha) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] *= alpha;
        }
        return acc;
    }

    private static float[] gather(Module model, boolean grads) {
        float[] out = new float[Math.toIntExact(model.parameterCount())];
        int at = 0;
        for (Parameter p : model.parameters()) {
            Tensor t = grads ? p.grad() : p.value();
            System.arraycopy(t.data(), t.offset(), out, at, t.numel());
            at += t.numel();
        }
        return out;
    }

    private static void scatter(Module model, float[] flat, boolean grads) {
        requireLength(grads ? "loadGradients" : "loadValues", Math.toIntExact(model.parameterCount()), flat.length);
        int at = 0;
        for (Parameter p : model.parameters()) {
            Tensor t = grads ? p.grad() : p.value();
            System.arraycopy(flat, at, t.data(), t.offset(), t.numel());
            at += t.numel();
        }
    }

    private static void requireLength(String op, int expected, int actual) {
        if (expected != actual) {
            throw new IllegalArgumentException("ParameterVectors." + op + ": expected a vector of [" + expected
                    + "] floats (the model's parameter count), got [" + actual + "]");
        }
    }

    /** Largest absolute element-wise difference, for tests and logs. */
    public static float maxAbsDifference(float[] a, float[] b) {
        requireLength("maxAbsDifference", a.length, b.length);
        float m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}

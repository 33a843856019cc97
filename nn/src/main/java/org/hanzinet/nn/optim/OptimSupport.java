package org.hanzinet.nn.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Shapes;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Parameter;

/**
 * What SGD and Adam share: the named parameters, per-parameter buffers, the step count, parallel
 * element loops and the validation of a state map.
 */
final class OptimSupport {
    static final String STEP = "step";
    /** Element loops run on several threads above this many elements per thread. */
    static final int MIN_CHUNK = 1 << 15;

    final String optimizer;
    final Map<String, Parameter> params;
    /** Buffer names per parameter, e.g. "momentum_buffer"; empty when the configuration needs none. */
    final List<String> bufferNames;
    /** buffers.get(name)[param index], null before the first step. */
    final Map<String, Tensor[]> buffers = new LinkedHashMap<>();
    long step;

    OptimSupport(String optimizer, Map<String, Parameter> params, List<String> bufferNames) {
        this.optimizer = optimizer;
        Objects.requireNonNull(params, "params");
        if (params.isEmpty()) {
            throw new IllegalArgumentException(optimizer + ": got an empty parameter map");
        }
        params.forEach((k, v) -> Objects.requireNonNull(v, optimizer + ": parameter '" + k + "' is null"));
        this.params = new LinkedHashMap<>(params);
        this.bufferNames = List.copyOf(bufferNames);
        for (String b : bufferNames) {
            buffers.put(b, new Tensor[params.size()]);
        }
    }

    List<Parameter> parameterList() {
        return new ArrayList<>(params.values());
    }

    /** The buffer {@code name} of parameter {@code i}, allocated (zero) on first use. */
    Tensor buffer(String name, int i, Parameter p) {
        Tensor[] b = buffers.get(name);
        if (b[i] == null) {
            b[i] = Tensor.zeros(p.shape());
        }
        return b[i];
    }

    void zeroGrad() {
        for (Parameter p : params.values()) {
            Tensor g = p.grad();
            float[] d = g.data();
            int o = g.offset();
            Parallel.forRange(g.numel(), 1 << 20, (from, to) -> Arrays.fill(d, o + from, o + to, 0f));
        }
    }

    Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put(STEP, Tensor.of(new float[] {step}, 1));
        int i = 0;
        for (String pname : params.keySet()) {
            for (String b : bufferNames) {
                Tensor t = buffers.get(b)[i];
                if (t != null) {
                    out.put(pname + "." + b, t);
                }
            }
            i++;
        }
        return out;
    }

    /** Checks {@code state} completely, then copies it in. */
    void loadState(Map<String, Tensor> state) {
        Objects.requireNonNull(state, "state");
        long newStep = readStep(state);
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            if (!e.getKey().equals(STEP)) {
                requireKnown(e.getKey(), e.getValue());
            }
        }
        for (String pname : params.keySet()) {
            for (String b : bufferNames) {
                String key = pname + "." + b;
                if (newStep > 0 && !state.containsKey(key)) {
                    throw new IllegalArgumentException(optimizer + " state: missing '" + key + "' (step is " + newStep
                            + ", so every " + b + " must be present)");
                }
                if (newStep == 0 && state.containsKey(key)) {
                    throw new IllegalArgumentException(optimizer + " state: '" + key
                            + "' is present but step is 0 (no buffer exists before the first step)");
                }
            }
        }
        int i = 0;
        for (Map.Entry<String, Parameter> p : params.entrySet()) {
            for (String b : bufferNames) {
                Tensor src = state.get(p.getKey() + "." + b);
                buffers.get(b)[i] = src == null ? null : buffer(b, i, p.getValue()).copyFrom(src);
            }
            i++;
        }
        step = newStep;
    }

    private long readStep(Map<String, Tensor> state) {
        Tensor s = state.get(STEP);
        if (s == null) {
            throw new IllegalArgumentException(optimizer + " state: missing '" + STEP + "' (a 1-element tensor)");
        }
        if (s.numel() != 1) {
            throw new IllegalArgumentException(optimizer + " state: '" + STEP + "' must have 1 element, got shape "
                    + Shapes.toString(s.shape()));
        }
        float v = s.getFlat(0);
        if (!(v >= 0f) || v != Math.rint(v)) {
            throw new IllegalArgumentException(optimizer + " state: '" + STEP + "' must be a whole number >= 0, got " + v);
        }
        return (long) v;
    }

    private void requireKnown(String key, Tensor value) {
        int dot = key.lastIndexOf('.');
        String pname = dot < 0 ? key : key.substring(0, dot);
        String b = dot < 0 ? "" : key.substring(dot + 1);
        Parameter p = params.get(pname);
        if (p == null || !bufferNames.contains(b)) {
            throw new IllegalArgumentException(optimizer + " state: unknown entry '" + key + "' (expected '" + STEP
                    + "' and <parameter>." + String.join("/", bufferNames) + " for parameters " + params.keySet() + ")");
        }
        Objects.requireNonNull(value, optimizer + " state: '" + key + "' is null");
        if (!Arrays.equals(value.shape(), p.shape())) {
            throw new IllegalArgumentException(optimizer + " state: '" + key + "' has shape "
                    + Shapes.toString(value.shape()) + " but parameter '" + pname + "' has shape "
                    + Shapes.toString(p.shape()));
        }
    }

    static float requireFinite(String what, double value, double min) {
        if (!(value >= min) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number >= " + min + ", got " + value);
        }
        return (float) value;
    }
}

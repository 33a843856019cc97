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
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Parameter;

/**
 * What the optimisers share: the named parameters, the current learning rate, per-parameter buffers, the
 * step count, the fused Adam/AdamW element loop and the validation of a state map.
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
    /** The learning rate the next step uses; starts at the configured one, schedulers change it. */
    private double lr;

    OptimSupport(String optimizer, Map<String, Parameter> params, List<String> bufferNames, double lr) {
        this.optimizer = optimizer;
        this.lr = lr;
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

    /** {@code module}'s named parameters, refusing a module without any. */
    static Map<String, Parameter> parametersOf(String optimizer, Module module) {
        Objects.requireNonNull(module, optimizer + ": module");
        Map<String, Parameter> p = module.namedParameters();
        if (p.isEmpty()) {
            throw new IllegalArgumentException(optimizer + ": module " + module.getClass().getSimpleName()
                    + " has no parameters to optimise");
        }
        return p;
    }

    double lr() {
        return lr;
    }

    void setLr(double lr) {
        requireFinite(optimizer + " lr", lr, 0);
        this.lr = lr; // not the float requireFinite returns: a schedule's rate is kept in double, as PyTorch keeps it
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

    /**
     * One fused Adam/AdamW pass over a parameter, torch.optim's single-tensor rule in float:
     * {@code p *= decay} (AdamW's {@code 1 - lr wd}; 1 for Adam); {@code g = grad + l2 p} (Adam's weight decay; 0
     * for AdamW); {@code m = b1 m + (1 - b1) g}; {@code v = b2 v + (1 - b2) g^2}; with amsgrad
     * {@code vmax = max(vmax, v)} replaces v below; {@code p -= stepSize m / (sqrt(v) / bc2Sqrt + eps)}.
     * {@code vmax} is null without amsgrad.
     */
    static void adamUpdate(Tensor value, Tensor grad, Tensor expAvg, Tensor expAvgSq, Tensor maxExpAvgSq,
            AdamScalars s) {
        float[] p = value.data();
        float[] g = grad.data();
        float[] m = expAvg.data();
        float[] v = expAvgSq.data();
        float[] vmax = maxExpAvgSq == null ? null : maxExpAvgSq.data();
        int po = value.offset();
        int go = grad.offset();
        float negStep = -s.stepSize();
        float l2 = s.l2();
        float decay = s.decay();
        float b1 = s.b1();
        float b2 = s.b2();
        float oneMinusB1 = s.oneMinusB1();
        float oneMinusB2 = s.oneMinusB2();
        float bc2Sqrt = s.bc2Sqrt();
        float eps = s.eps();
        Parallel.forRange(value.numel(), MIN_CHUNK, (from, to) -> {
            for (int i = from; i < to; i++) {
                float pi = p[po + i];
                float gi = g[go + i];
                if (l2 != 0f) {
                    gi += l2 * pi;
                }
                if (decay != 1f) {
                    pi *= decay;
                }
                float mi = m[i] * b1 + oneMinusB1 * gi;
                float vi = v[i] * b2 + oneMinusB2 * gi * gi;
                m[i] = mi;
                v[i] = vi;
                if (vmax != null) {
                    vi = Math.max(vmax[i], vi);
                    vmax[i] = vi;
                }
                float denom = (float) Math.sqrt(vi) / bc2Sqrt + eps;
                p[po + i] = pi + negStep * mi / denom;
            }
        });
    }

    /** The per-step scalars of {@link #adamUpdate}, bias corrections computed in double as PyTorch does. */
    record AdamScalars(float stepSize, float bc2Sqrt, float b1, float b2, float oneMinusB1, float oneMinusB2,
            float eps, float l2, float decay) {
        static AdamScalars of(double lr, double beta1, double beta2, double eps, long t, double l2, double decay) {
            double bc1 = 1 - Math.pow(beta1, t);
            double bc2 = 1 - Math.pow(beta2, t);
            return new AdamScalars((float) (lr / bc1), (float) Math.sqrt(bc2), (float) beta1, (float) beta2,
                    (float) (1 - beta1), (float) (1 - beta2), (float) eps, (float) l2, (float) decay);
        }
    }
}

package org.hanzinet.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hanzinet.core.Tensor;

/**
 * A layer or a composition of layers, as PyTorch's {@code nn.Module}: {@link #forward} computes the
 * output and caches what backward needs; {@link #backward} takes dLoss/dOutput, accumulates parameter
 * gradients into each {@link Parameter#grad()} and returns dLoss/dInput.
 *
 * <p>Parameters and sub-modules are registered by name; {@link #namedParameters()} gives PyTorch's
 * {@code state_dict} names ({@code layer1.0.weight}). One forward must precede each backward; a module
 * is not safe for concurrent use.
 */
public abstract class Module {
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Output for {@code input}; caches what {@link #backward} needs. */
    public abstract Tensor forward(Tensor input);

    /** dLoss/dInput for the last forward, given dLoss/dOutput; adds parameter gradients. */
    public abstract Tensor backward(Tensor gradOutput);

    protected final Parameter registerParameter(String name, Tensor value) {
        requireNewName(name);
        Parameter p = new Parameter(value);
        parameters.put(name, p);
        return p;
    }

    protected final <M extends Module> M registerModule(String name, M module) {
        requireNewName(name);
        children.put(name, module);
        return module;
    }

    private void requireNewName(String name) {
        if (name.isEmpty() || name.contains(".") || parameters.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": bad or duplicate name '" + name + "'");
        }
    }

    /** All parameters of this module and its descendants, by dotted name, in registration order. */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect("", out);
        return Collections.unmodifiableMap(out);
    }

    private void collect(String prefix, Map<String, Parameter> out) {
        parameters.forEach((n, p) -> out.put(prefix + n, p));
        children.forEach((n, m) -> m.collect(prefix + n + ".", out));
    }

    public final List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Direct sub-modules by name. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Training mode (dropout active) for this module and all descendants. */
    public Module train(boolean on) {
        training = on;
        children.values().forEach(m -> m.train(on));
        return this;
    }

    public final Module train() {
        return train(true);
    }

    public final Module eval() {
        return train(false);
    }

    public final boolean isTraining() {
        return training;
    }

    public final void zeroGrad() {
        parameters().forEach(Parameter::zeroGrad);
    }

    /** Total number of trainable scalars. */
    public final long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.value().numel();
        }
        return n;
    }
}

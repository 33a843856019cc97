package org.hanzinet.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.io.DType;

/**
 * A layer or a composition of layers, as PyTorch's {@code nn.Module}: {@link #forward} computes the
 * output and caches what backward needs; {@link #backward} takes dLoss/dOutput, accumulates parameter
 * gradients into each {@link Parameter#grad()} and returns dLoss/dInput.
 *
 * <p>Parameters, buffers and sub-modules are registered by name; {@link #namedParameters()} and
 * {@link #stateDict()} give PyTorch's names ({@code layer1.0.weight}, {@code bn1.running_mean}) in
 * PyTorch's order. Buffers ({@link #registerBuffer}) are state that is saved and loaded with the weights
 * but never seen by an optimiser, such as BatchNorm's running statistics.
 *
 * <p>One forward must precede each backward; a module is not safe for concurrent use. A module whose
 * input gradient nobody needs (the first layer of a network, fed the image) is told so with
 * {@link #requireInputGradient(boolean) requireInputGradient(false)}; it may then skip that computation
 * and return null from {@link #backward}.
 */
public abstract class Module {
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, DType> bufferDTypes = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;
    private boolean inputGradientRequired = true;

    /** Output for {@code input}; caches what {@link #backward} needs. */
    public abstract Tensor forward(Tensor input);

    /**
     * dLoss/dInput for the last forward, given dLoss/dOutput; adds parameter gradients. Returns null
     * when {@link #requireInputGradient(boolean) requireInputGradient(false)} was set and the module
     * skipped the input gradient.
     */
    public abstract Tensor backward(Tensor gradOutput);

    protected final Parameter registerParameter(String name, Tensor value) {
        requireNewName(name);
        Parameter p = new Parameter(value);
        parameters.put(name, p);
        return p;
    }

    /**
     * Registers non-trainable state saved and loaded with the parameters (PyTorch's
     * {@code register_buffer}); the module updates {@code value} in place.
     */
    protected final Tensor registerBuffer(String name, Tensor value) {
        return registerBuffer(name, value, DType.F32);
    }

    /**
     * Registers a buffer that checkpoints store as {@code storedAs}: {@link DType#I64} for PyTorch's int64
     * counters ({@code num_batches_tracked}), held here as a float tensor of whole numbers (exact up to
     * 2^24), so that PyTorch reads back the int64 it wrote.
     */
    protected final Tensor registerBuffer(String name, Tensor value, DType storedAs) {
        if (storedAs != DType.F32 && storedAs != DType.I64) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": buffer '" + name
                    + "' can be stored as F32 or I64, not " + storedAs);
        }
        requireNewName(name);
        buffers.put(name, value);
        bufferDTypes.put(name, storedAs);
        return value;
    }

    protected final <M extends Module> M registerModule(String name, M module) {
        requireNewName(name);
        children.put(name, module);
        return module;
    }

    private void requireNewName(String name) {
        if (name.isEmpty() || name.contains(".") || parameters.containsKey(name) || buffers.containsKey(name)
                || children.containsKey(name)) {
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

    /** All buffers of this module and its descendants, by dotted name, in registration order. */
    public final Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectBuffers("", out);
        return Collections.unmodifiableMap(out);
    }

    private void collectBuffers(String prefix, Map<String, Tensor> out) {
        buffers.forEach((n, b) -> out.put(prefix + n, b));
        children.forEach((n, m) -> m.collectBuffers(prefix + n + ".", out));
    }

    /**
     * The checkpoint dtype of every state-dict entry not stored as F32 (buffers registered as
     * {@link DType#I64}), by dotted name.
     */
    public final Map<String, DType> storedDTypes() {
        Map<String, DType> out = new LinkedHashMap<>();
        collectDTypes("", out);
        return Collections.unmodifiableMap(out);
    }

    private void collectDTypes(String prefix, Map<String, DType> out) {
        bufferDTypes.forEach((n, d) -> {
            if (d != DType.F32) {
                out.put(prefix + n, d);
            }
        });
        children.forEach((n, m) -> m.collectDTypes(prefix + n + ".", out));
    }

    /**
     * Parameter values and buffers by name in PyTorch's {@code state_dict} order: each module's own
     * parameters, then its own buffers, then its children's, depth first. The tensors are live.
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectState("", out);
        return Collections.unmodifiableMap(out);
    }

    private void collectState(String prefix, Map<String, Tensor> out) {
        parameters.forEach((n, p) -> out.put(prefix + n, p.value()));
        buffers.forEach((n, b) -> out.put(prefix + n, b));
        children.forEach((n, m) -> m.collectState(prefix + n + ".", out));
    }

    public final List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Direct sub-modules by name. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /**
     * Training mode for this module and all descendants: Dropout drops, BatchNorm2d normalises with the
     * batch statistics and updates its running estimates; in eval mode ({@code train(false)}) Dropout is
     * the identity and BatchNorm2d uses its running estimates.
     */
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

    /**
     * Whether {@link #backward} must return dLoss/dInput. The first layer of a network is fed the image,
     * whose gradient nobody uses: switching it off saves a whole pass per step on a convolution.
     * Containers pass the setting on to the children that see their input.
     */
    public Module requireInputGradient(boolean required) {
        inputGradientRequired = required;
        return this;
    }

    public final boolean inputGradientRequired() {
        return inputGradientRequired;
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

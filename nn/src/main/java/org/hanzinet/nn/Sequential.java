package org.hanzinet.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hanzinet.core.Tensor;

/**
 * Layers applied in order. Sub-modules are named "0", "1", ... as in PyTorch's {@code nn.Sequential}, or
 * by {@link #add(String, Module)} as with {@code nn.Sequential(OrderedDict(...))}, which gives a model's
 * state_dict names ({@code layer1.0.weight}, {@code fc1.bias}) without a module class of its own.
 */
public class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();
    private final GradientArena arena = new GradientArena();

    public Sequential(Module... layers) {
        for (Module m : layers) {
            add(m);
        }
    }

    /** Appends {@code layer} under its index as name. */
    public final Sequential add(Module layer) {
        return add(Integer.toString(layers.size()), layer);
    }

    /** Appends {@code layer} under {@code name} (unique, without dots). */
    public final Sequential add(String name, Module layer) {
        registerModule(name, layer);
        if (layers.isEmpty()) {
            layer.requireInputGradient(inputGradientRequired());
        }
        layers.add(layer);
        return this;
    }

    public final List<Module> layers() {
        return Collections.unmodifiableList(layers);
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module m : layers) {
            x = m.forward(x);
        }
        return x;
    }

    /**
     * Returns null when the first layer skipped its input gradient ({@link #requireInputGradient}).
     * Runs the layers' backward in reverse. Input-gradient buffers come from this container's
     * {@link GradientArena} (or the enclosing container's), and each layer's gradient goes back to it once
     * the layer below has consumed it: a chain then holds two gradients at a time, not one per layer. Such a
     * gradient is also offered to the layer that consumes it ({@link GradientArena#offer}), so element-wise
     * layers compute their input gradient in place.
     */
    @Override
    public Tensor backward(Tensor gradOutput) {
        try (GradientArena.Scope scope = GradientArena.enter(arena)) {
            GradientArena a = GradientArena.current();
            boolean callerOffered = a != null && a.offered(gradOutput);
            Tensor g = gradOutput;
            for (int i = layers.size() - 1; i >= 0; i--) {
                Module layer = layers.get(i);
                Tensor in = g;
                // A gradient this loop gives back after the call (or the caller offered) may be overwritten by it.
                Tensor next = a == null ? layer.backward(in)
                        : a.offering(a.mayOffer(in, gradOutput, callerOffered) ? in : null, () -> layer.backward(in));
                // The caller's gradient is not ours to give back; a layer may pass its gradient on as it is (a view).
                if (a != null && g != null && g.data() != gradOutput.data() && (next == null || next.data() != g.data())) {
                    a.give(g);
                }
                g = next;
            }
            return g;
        }
    }

    /** Passed on to the first layer, the only one that sees this container's input. */
    @Override
    public Sequential requireInputGradient(boolean required) {
        super.requireInputGradient(required);
        if (!layers.isEmpty()) {
            layers.get(0).requireInputGradient(required);
        }
        return this;
    }
}

package org.hanzinet.nn.parity;

import java.util.ArrayList;
import java.util.List;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;

/**
 * Modules applied in order under chosen names, like a PyTorch module whose forward calls its attributes
 * in turn: gives the reference models' state_dict names ({@code layer1.0.weight}, {@code fc1.bias})
 * where a plain {@link org.hanzinet.nn.Sequential} would number them.
 */
final class Net extends Module {
    private final List<Module> order = new ArrayList<>();

    Net add(String name, Module m) {
        registerModule(name, m);
        order.add(m);
        return this;
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module m : order) {
            x = m.forward(x);
        }
        return x;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        Tensor g = gradOutput;
        for (int i = order.size() - 1; i >= 0; i--) {
            g = order.get(i).backward(g);
        }
        return g;
    }
}

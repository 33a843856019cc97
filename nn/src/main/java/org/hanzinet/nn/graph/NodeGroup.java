package org.hanzinet.nn.graph;

import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;

/**
 * A name space of graph nodes, as PyTorch's {@code nn.ModuleList}/{@code nn.ModuleDict} attribute: the
 * nodes {@code down.0} and {@code down.1} are children {@code 0} and {@code 1} of a group {@code down},
 * which gives the state-dict names {@code down.0.conv1.weight}. The group only holds them; the graph runs
 * them.
 */
final class NodeGroup extends Module {

    <M extends Module> M add(String name, M module) {
        return registerModule(name, module);
    }

    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("a group of graph nodes is not run on its own: " + children().keySet());
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        throw new UnsupportedOperationException("a group of graph nodes is not run on its own: " + children().keySet());
    }
}

package org.hanzinet.nn.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Shapes;
import org.hanzinet.nn.LayerConfig;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.MultiInputConfig;
import org.hanzinet.nn.SequentialConfig;

/**
 * A {@link Graph} as data: the graph inputs' names (usually one), named nodes (a layer config and the
 * names of its inputs) and the output node. Validated when made ({@link GraphPlan#of}: unknown inputs, cycles, unused
 * nodes, one input for every node that is not a merge); {@link #outputShape} checks every node's shapes
 * and names the node and both shapes. A node's layer may be a {@link SequentialConfig} or a nested
 * {@code GraphConfig}, so named blocks nest; dotted node names ({@code down.0}) group nodes as PyTorch's
 * {@code ModuleList} does.
 *
 * <p>JSON: {@code {"type":"Graph","inputs":["x"],"nodes":[{"name":"conv","layer":{...},"inputs":["x"]}, ...],
 * "output":"head"}}.
 */
public record GraphConfig(List<String> inputs, List<Node> nodes, String output) implements MultiInputConfig {

    /** One node: its name, its layer, and the names of its inputs (several only for a merge). */
    public record Node(String name, LayerConfig layer, List<String> inputs) {
        public Node {
            Objects.requireNonNull(layer, "graph node '" + name + "': layer config");
            inputs = List.copyOf(Objects.requireNonNull(inputs, "graph node '" + name + "': inputs"));
            if (inputs.size() != 1 && !(layer instanceof MultiInputConfig)) {
                throw new IllegalArgumentException("graph: node '" + name + "' (" + layer.getClass().getName()
                        .replaceFirst(".*\\.", "").replace('$', '.') + ") takes one input, got " + inputs.size() + ": " + inputs);
            }
        }
    }

    public GraphConfig {
        inputs = List.copyOf(Objects.requireNonNull(inputs, "graph: inputs"));
        nodes = List.copyOf(Objects.requireNonNull(nodes, "graph: nodes"));
        plan(inputs, nodes, output);
    }

    private static GraphPlan plan(List<String> graphInputs, List<Node> nodes, String output) {
        List<String> names = new ArrayList<>();
        List<List<String>> inputs = new ArrayList<>();
        for (Node n : nodes) {
            names.add(n.name());
            inputs.add(n.inputs());
        }
        return GraphPlan.of(graphInputs, names, inputs, output);
    }

    /** A builder of a graph config whose inputs are called {@code inputs} (in forward's order). */
    public static Builder builder(String... inputs) {
        return new Builder(List.of(inputs));
    }

    /** The sequence as a chain graph: one node per layer, named as the layer, each reading the one before. */
    public static GraphConfig chain(String input, SequentialConfig seq) {
        Builder b = builder(input);
        String prev = input;
        for (SequentialConfig.Layer l : seq.layers()) {
            b.add(l.name(), l.layer(), prev);
            prev = l.name();
        }
        return b.build(prev);
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        return shapes(inputShapes).get(output).clone();
    }

    /** {@link #shapes(List)} of a graph with one input. */
    public Map<String, int[]> shapes(int[] inputShape) {
        return shapes(List.of(inputShape));
    }

    /**
     * The output shape of every node for the graph inputs' shapes, by name in execution order.
     *
     * @throws IllegalArgumentException naming the node, its input shapes and the layer's complaint
     */
    public Map<String, int[]> shapes(List<int[]> inputShapes) {
        GraphPlan plan = plan(inputs, nodes, output);
        if (inputShapes.size() != inputs.size()) {
            throw new IllegalArgumentException("graph: takes " + inputs.size() + " input" + (inputs.size() == 1 ? " " : "s ")
                    + inputs + ", got " + inputShapes.size() + " shapes");
        }
        Map<String, int[]> byName = new HashMap<>();
        for (int j = 0; j < inputs.size(); j++) {
            byName.put(inputs.get(j), inputShapes.get(j).clone());
        }
        Map<String, int[]> out = new LinkedHashMap<>();
        for (int i : plan.order()) {
            Node n = nodes.get(i);
            List<int[]> in = new ArrayList<>();
            n.inputs().forEach(name -> in.add(byName.get(name)));
            int[] s;
            try {
                s = n.layer() instanceof MultiInputConfig m ? m.outputShape(in) : n.layer().outputShape(in.get(0));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("graph node '" + n.name() + "' (inputs " + describe(n.inputs(), in) + "): "
                        + e.getMessage(), e);
            }
            byName.put(n.name(), s);
            out.put(n.name(), s);
        }
        return out;
    }

    private static String describe(List<String> names, List<int[]> shapes) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < names.size(); k++) {
            sb.append(k == 0 ? "" : ", ").append(names.get(k)).append(' ').append(Shapes.toString(shapes.get(k)));
        }
        return sb.toString();
    }

    @Override
    public long parameterCount() {
        long n = 0;
        for (Node node : nodes) {
            n = Math.addExact(n, node.layer().parameterCount());
        }
        return n;
    }

    /** Builds every node's layer in declaration order, each drawing from {@code rng} in turn. */
    @Override
    public Graph build(Rng rng) {
        List<Module> modules = new ArrayList<>();
        for (Node n : nodes) {
            modules.add(n.layer().build(rng));
        }
        return new Graph(plan(inputs, nodes, output), modules);
    }

    /** Collects nodes in declaration order. */
    public static final class Builder {
        private final List<String> graphInputs;
        private final List<Node> nodes = new ArrayList<>();

        private Builder(List<String> graphInputs) {
            this.graphInputs = graphInputs;
        }

        /** Adds node {@code name} applying {@code layer} to {@code inputs} (several only for a merge). */
        public Builder add(String name, LayerConfig layer, String... inputs) {
            nodes.add(new Node(name, layer, List.of(inputs)));
            return this;
        }

        /** The validated config whose output is node {@code output}. */
        public GraphConfig build(String output) {
            return new GraphConfig(graphInputs, nodes, output);
        }
    }
}

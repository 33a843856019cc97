package org.hanzinet.nn.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.GradientArena;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.MultiInputModule;

/**
 * A network whose nodes take several inputs and whose outputs feed several nodes (PyTorch's
 * {@code forward(x)} with {@code torch.cat} and {@code +}; DL4J's {@code ComputationGraph}): named nodes,
 * each a module and the names of its inputs, run in the order of a {@link GraphPlan} computed once.
 * Merge nodes ({@link MultiInputModule}: {@code Add}, {@code Concat}, a graph with several inputs) take
 * several inputs; every other node takes one. One or more inputs, one output; the graph is itself a
 * module ({@link #forward(Tensor)} for one input, {@link #forward(List)} for several), so graphs nest.
 *
 * <p>Backward runs the plan in reverse. Where a tensor feeds several node inputs, their gradients are
 * summed into a buffer owned by the graph (reused across steps) before flowing on; a tensor read once
 * passes its gradient on by reference. {@link #requireInputGradient(boolean) requireInputGradient(false)}
 * is passed to the nodes that read only graph inputs, and backward then returns null for every input.
 *
 * <p>Names: a node's module is registered under the node's name, so its parameters are
 * {@code <node>.<param>}; a dotted node name {@code down.0} places the module in a group {@code down}
 * (PyTorch's {@code ModuleList}), giving {@code down.0.conv1.weight}. The state dict lists nodes in
 * declaration order. Built from a {@link GraphConfig}, or from modules with {@link #builder(String)}.
 */
public final class Graph extends MultiInputModule {
    private final GraphPlan plan;
    private final Module[] modules;
    private final Tensor[][] inputs;
    private final Tensor[] values;
    private final Tensor[] grads;
    private final Tensor[] sums;
    private final int[] arrived;
    private final GradientArena arena = new GradientArena();
    private boolean ready;

    /**
     * @param plan the validated definition
     * @param modules one module per node, in the plan's declaration order; merge nodes (several inputs)
     *     are {@link MultiInputModule}s
     */
    public Graph(GraphPlan plan, List<? extends Module> modules) {
        if (modules.size() != plan.size()) {
            throw new IllegalArgumentException("graph: " + plan.size() + " nodes " + plan.names() + " but "
                    + modules.size() + " modules");
        }
        this.plan = plan;
        this.modules = modules.toArray(new Module[0]);
        this.inputs = new Tensor[plan.size()][];
        Map<Module, String> seen = new IdentityHashMap<>();
        Map<String, NodeGroup> groups = new LinkedHashMap<>();
        for (int i = 0; i < plan.size(); i++) {
            String name = plan.names().get(i);
            Module m = this.modules[i];
            String other = seen.put(m, name);
            if (other != null) {
                throw new IllegalArgumentException("graph: nodes '" + other + "' and '" + name + "' share one module "
                        + m.getClass().getSimpleName() + " (a module caches one forward per step; share weights another way)");
            }
            int arity = plan.inputSlots(i).length;
            if (arity != 1 && !(m instanceof MultiInputModule)) {
                throw new IllegalArgumentException("graph: node '" + name + "' (" + m.getClass().getSimpleName() + ") takes one input, got " + arity);
            }
            inputs[i] = new Tensor[arity];
            register(name, m, groups);
        }
        int slots = plan.inputCount() + plan.size();
        this.values = new Tensor[slots];
        this.grads = new Tensor[slots];
        this.sums = new Tensor[slots];
        this.arrived = new int[slots];
    }

    /** Registers {@code m} under its node name, inside groups for a dotted name. */
    private void register(String name, Module m, Map<String, NodeGroup> groups) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            registerModule(name, m);
            return;
        }
        group(name.substring(0, dot), groups).add(name.substring(dot + 1), m);
    }

    private NodeGroup group(String path, Map<String, NodeGroup> groups) {
        NodeGroup g = groups.get(path);
        if (g == null) {
            int dot = path.lastIndexOf('.');
            g = dot < 0 ? registerModule(path, new NodeGroup())
                    : group(path.substring(0, dot), groups).add(path.substring(dot + 1), new NodeGroup());
            groups.put(path, g);
        }
        return g;
    }

    /** A builder of a graph of modules whose inputs are called {@code inputs} (in forward's order). */
    public static Builder builder(String... inputs) {
        return new Builder(List.of(inputs));
    }

    public GraphPlan plan() {
        return plan;
    }

    /** The module of node {@code name}. */
    public Module node(String name) {
        int i = plan.names().indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("graph: no node '" + name + "' (nodes: " + plan.names() + ")");
        }
        return modules[i];
    }

    /** The output for the graph's inputs, in the order of {@link GraphPlan#inputs()}. */
    @Override
    public Tensor forward(List<Tensor> xs) {
        int k = plan.inputCount();
        if (xs.size() != k) {
            throw new IllegalArgumentException("graph: takes " + k + " input" + (k == 1 ? " " : "s ") + plan.inputs()
                    + ", got " + xs.size());
        }
        for (int j = 0; j < k; j++) {
            values[j] = xs.get(j);
        }
        for (int i : plan.orderShared()) {
            int[] in = plan.inputSlots(i);
            try {
                if (modules[i] instanceof MultiInputModule merge) {
                    Tensor[] ins = inputs[i];
                    for (int j = 0; j < in.length; j++) {
                        ins[j] = values[in[j]];
                    }
                    values[k + i] = merge.forward(Arrays.asList(ins));
                } else {
                    values[k + i] = modules[i].forward(values[in[0]]);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("graph node '" + plan.names().get(i) + "': " + e.getMessage(), e);
            }
        }
        ready = true;
        return values[plan.outputSlot()];
    }

    /**
     * dLoss/dInput for each graph input (null after {@code requireInputGradient(false)}); gradients of
     * fan-out are summed.
     */
    @Override
    public List<Tensor> backwardAll(Tensor gradOutput) {
        if (!ready) {
            throw new IllegalStateException("graph: backward called before forward");
        }
        try (GradientArena.Scope scope = GradientArena.enter(arena)) {
            GradientArena a = GradientArena.current();
            boolean callerOffered = a != null && a.offered(gradOutput);
            Arrays.fill(grads, null);
            Arrays.fill(arrived, 0);
            grads[plan.outputSlot()] = gradOutput;
            int[] order = plan.orderShared();
            int k = plan.inputCount();
            for (int step = order.length - 1; step >= 0; step--) {
                int i = order[step];
                int[] in = plan.inputSlots(i);
                Tensor g = grads[k + i];
                grads[k + i] = null;
                Tensor offer = a != null && a.mayOffer(g, gradOutput, callerOffered) && !pending(g) ? g : null;
                if (modules[i] instanceof MultiInputModule merge) {
                    List<Tensor> gs = a == null ? merge.backwardAll(g) : a.offering(offer, () -> merge.backwardAll(g));
                    for (int j = 0; j < in.length; j++) {
                        arrive(i, in[j], gs.get(j));
                    }
                    for (Tensor t : gs) {
                        giveBackIfDead(a, t, gradOutput);
                    }
                } else {
                    Module m = modules[i];
                    Tensor gi = a == null ? m.backward(g) : a.offering(offer, () -> m.backward(g));
                    arrive(i, in[0], gi);
                    giveBackIfDead(a, gi, gradOutput);
                }
                giveBackIfDead(a, g, gradOutput);
            }
            Tensor[] out = new Tensor[k];
            if (inputGradientRequired()) {
                System.arraycopy(grads, 0, out, 0, k);
            }
            return Arrays.asList(out);
        }
    }

    /**
     * Gives {@code t}'s buffer back to the arena once no pending gradient refers to its storage: a node's
     * output gradient after the node ran, an arrived gradient once summed into a fan-out buffer. Never the
     * caller's gradient; {@link GradientArena#give} ignores buffers it did not hand out.
     */
    private void giveBackIfDead(GradientArena a, Tensor t, Tensor gradOutput) {
        if (a != null && t != null && t.data() != gradOutput.data() && a.inUse(t) && !pending(t)) {
            a.give(t);
        }
    }

    /** Whether a pending gradient shares {@code g}'s storage (then the node about to run must not overwrite it). */
    private boolean pending(Tensor g) {
        for (Tensor p : grads) {
            if (p != null && p.data() == g.data()) {
                return true;
            }
        }
        return false;
    }

    /** Node {@code node}'s gradient for its input {@code slot}: passed by reference or summed. */
    private void arrive(int node, int slot, Tensor g) {
        if (slot < plan.inputCount() && !inputGradientRequired()) {
            return;
        }
        if (g == null) {
            throw new IllegalStateException("graph: node '" + plan.names().get(node) + "' returned no gradient for its input '"
                    + plan.slotName(slot) + "' (requireInputGradient(false) set on an inner node?)");
        }
        if (plan.edges(slot) == 1) {
            grads[slot] = g;
        } else if (arrived[slot]++ == 0) {
            Tensor s = sums[slot];
            s = sums[slot] = s != null && Arrays.equals(s.shape(), g.shape()) ? s : Tensor.zeros(g.shape());
            grads[slot] = s.copyFrom(g);
        } else {
            grads[slot].add(g);
        }
    }

    /** Passed on to the nodes that read only graph inputs (a merge of an input and a node computes both). */
    @Override
    public Graph requireInputGradient(boolean required) {
        super.requireInputGradient(required);
        for (int i = 0; i < modules.length; i++) {
            boolean onlyInputs = true;
            for (int s : plan.inputSlots(i)) {
                onlyInputs &= s < plan.inputCount();
            }
            if (onlyInputs) {
                modules[i].requireInputGradient(required);
            }
        }
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Graph(inputs=" + plan.inputs());
        for (int i : plan.orderShared()) {
            List<String> in = new ArrayList<>();
            for (int s : plan.inputSlots(i)) {
                in.add(plan.slotName(s));
            }
            sb.append(", ").append(plan.names().get(i)).append('=').append(modules[i]).append(in);
        }
        return sb.append(", output=").append(plan.slotName(plan.outputSlot())).append(')').toString();
    }

    /** Collects nodes (module and input names) and plans them; see {@link GraphPlan#of}. */
    public static final class Builder {
        private final List<String> graphInputs;
        private final List<String> names = new ArrayList<>();
        private final List<List<String>> inputs = new ArrayList<>();
        private final List<Module> modules = new ArrayList<>();

        private Builder(List<String> graphInputs) {
            this.graphInputs = graphInputs;
        }

        /** Adds node {@code name} running {@code module} on {@code inputs} (several for a merge). */
        public Builder add(String name, Module module, String... inputs) {
            names.add(name);
            this.inputs.add(List.of(inputs));
            modules.add(module);
            return this;
        }

        /** Validates and plans the graph whose output is node {@code output}. */
        public Graph build(String output) {
            return new Graph(GraphPlan.of(graphInputs, names, inputs, output), Collections.unmodifiableList(modules));
        }
    }
}

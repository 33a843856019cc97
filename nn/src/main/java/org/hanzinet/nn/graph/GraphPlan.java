package org.hanzinet.nn.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The execution plan of a graph, computed once from its definition (node names and the names of their
 * inputs): a topological order (declaration order where the edges allow it), each node's input slots and
 * how many edges read each slot (more than one: the gradients arriving there are summed).
 *
 * <p>Slots number the tensors of one pass: slots {@code 0 .. k-1} are the graph's k inputs, slot
 * {@code k + i} the output of node {@code i} (declaration index). Validation names the offending node and
 * input: duplicate or malformed names, unknown inputs, cycles, nodes that do not lead to the output, graph
 * inputs that no node reads.
 */
public final class GraphPlan {
    private final List<String> inputs;
    private final List<String> names;
    private final int[][] inputSlots;
    private final int[] order;
    private final int[] edges;
    private final int outputSlot;

    private GraphPlan(List<String> inputs, List<String> names, int[][] inputSlots, int[] order, int[] edges,
            int outputSlot) {
        this.inputs = inputs;
        this.names = names;
        this.inputSlots = inputSlots;
        this.order = order;
        this.edges = edges;
        this.outputSlot = outputSlot;
    }

    /** {@link #of(List, List, List, String)} for a graph with one input. */
    public static GraphPlan of(String input, List<String> names, List<List<String>> inputs, String output) {
        return of(List.of(input), names, inputs, output);
    }

    /**
     * Validates the definition and plans it.
     *
     * @param graphInputs the names of the graph's inputs, in the order forward takes them
     * @param names the node names in declaration order (dotted paths allowed: {@code down.0})
     * @param inputs for each node, the names of its inputs (nodes or the graph input)
     * @param output the node whose output is the graph's
     * @throws IllegalArgumentException one line naming the node and what is wrong
     */
    public static GraphPlan of(List<String> graphInputs, List<String> names, List<List<String>> inputs, String output) {
        int k = graphInputs.size();
        if (k == 0) {
            throw new IllegalArgumentException("graph: needs at least one input");
        }
        Map<String, Integer> slot = new HashMap<>();
        for (int j = 0; j < k; j++) {
            requireName("graph input", graphInputs.get(j), false);
            if (slot.putIfAbsent(graphInputs.get(j), j) != null) {
                throw new IllegalArgumentException("graph: input name '" + graphInputs.get(j) + "' is used twice");
            }
        }
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            requireName("graph node", n, true);
            if (slot.putIfAbsent(n, k + i) != null) {
                throw new IllegalArgumentException("graph: node name '" + n + "' is used twice"
                        + (graphInputs.contains(n) ? " (it is a graph input's name)" : ""));
            }
        }
        requireNoNodeUnderNode(names, graphInputs);
        int[][] inSlots = new int[names.size()][];
        int[] edges = new int[k + names.size()];
        for (int i = 0; i < names.size(); i++) {
            List<String> in = inputs.get(i);
            if (in.isEmpty()) {
                throw new IllegalArgumentException("graph: node '" + names.get(i) + "' has no inputs");
            }
            inSlots[i] = new int[in.size()];
            for (int j = 0; j < in.size(); j++) {
                Integer s = slot.get(in.get(j));
                if (s == null) {
                    throw new IllegalArgumentException("graph: node '" + names.get(i) + "' takes input '" + in.get(j)
                            + "', which is neither a node nor " + (k == 1 ? "the graph input '" + graphInputs.get(0) + "'"
                            : "a graph input " + graphInputs));
                }
                inSlots[i][j] = s;
                edges[s]++;
            }
        }
        Integer out = slot.get(output);
        if (out == null || out < k) {
            throw new IllegalArgumentException("graph: output '" + output + "' is not a node (nodes: " + names + ")");
        }
        int[] order = topologicalOrder(k, names, inSlots);
        requireAllUsed(graphInputs, names, inSlots, edges, out);
        return new GraphPlan(List.copyOf(graphInputs), List.copyOf(names), inSlots, order, edges, out);
    }

    private static void requireName(String what, String n, boolean dotted) {
        if (n == null || n.isEmpty() || (!dotted && n.contains(".")) || n.startsWith(".") || n.endsWith(".")
                || n.contains("..")) {
            throw new IllegalArgumentException("graph: bad " + what + " name '" + n + "' (non-empty"
                    + (dotted ? ", dots only between parts, as in down.0" : ", without dots") + ")");
        }
    }

    /** Node {@code down.0} puts its module under a group {@code down}: no node may be named {@code down} too. */
    private static void requireNoNodeUnderNode(List<String> names, List<String> graphInputs) {
        Set<String> all = new LinkedHashSet<>(names);
        all.addAll(graphInputs);
        for (String n : names) {
            for (int dot = n.indexOf('.'); dot >= 0; dot = n.indexOf('.', dot + 1)) {
                String prefix = n.substring(0, dot);
                if (all.contains(prefix)) {
                    throw new IllegalArgumentException("graph: node '" + n + "' lies under '" + prefix
                            + "', which is a node or the input itself (a dotted name groups nodes, as in PyTorch's down.0)");
                }
            }
        }
    }

    /** Kahn's algorithm, taking the earliest declared ready node each time; names a cycle when one is left. */
    private static int[] topologicalOrder(int k, List<String> names, int[][] inSlots) {
        int n = names.size();
        int[] order = new int[n];
        boolean[] done = new boolean[k + n];
        Arrays.fill(done, 0, k, true);
        for (int step = 0; step < n; step++) {
            int next = -1;
            for (int i = 0; i < n && next < 0; i++) {
                if (!done[k + i] && allDone(inSlots[i], done)) {
                    next = i;
                }
            }
            if (next < 0) {
                throw new IllegalArgumentException("graph: nodes form a cycle: " + cycle(k, names, inSlots, done));
            }
            done[k + next] = true;
            order[step] = next;
        }
        return order;
    }

    private static boolean allDone(int[] slots, boolean[] done) {
        for (int s : slots) {
            if (!done[s]) {
                return false;
            }
        }
        return true;
    }

    /** Follows not-yet-ordered inputs from a stuck node until a node repeats: that loop is a cycle. */
    private static String cycle(int k, List<String> names, int[][] inSlots, boolean[] done) {
        int at = 0;
        while (done[k + at]) {
            at++;
        }
        List<Integer> path = new ArrayList<>();
        while (!path.contains(at)) {
            path.add(at);
            for (int s : inSlots[at]) {
                if (!done[s]) {
                    at = s - k;
                    break;
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        List<Integer> loop = path.subList(path.indexOf(at), path.size());
        for (int i = loop.size() - 1; i >= 0; i--) {
            sb.append("'").append(names.get(loop.get(i))).append("' -> ");
        }
        return sb.append("'").append(names.get(loop.get(loop.size() - 1))).append("'").toString();
    }

    private static void requireAllUsed(List<String> graphInputs, List<String> names, int[][] inSlots, int[] edges,
            int out) {
        int k = graphInputs.size();
        for (int j = 0; j < k; j++) {
            if (edges[j] == 0) {
                throw new IllegalArgumentException("graph: input '" + graphInputs.get(j) + "' is not read by any node");
            }
        }
        boolean[] reaches = new boolean[k + names.size()];
        Deque<Integer> todo = new ArrayDeque<>(List.of(out));
        while (!todo.isEmpty()) {
            int s = todo.pop();
            if (!reaches[s]) {
                reaches[s] = true;
                if (s >= k) {
                    for (int t : inSlots[s - k]) {
                        todo.push(t);
                    }
                }
            }
        }
        List<String> unused = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!reaches[k + i]) {
                unused.add(names.get(i));
            }
        }
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException("graph: node" + (unused.size() > 1 ? "s " : " ") + unused
                    + " do" + (unused.size() > 1 ? "" : "es") + " not lead to the output '" + names.get(out - k) + "'");
        }
    }

    /** The graph inputs' names, in the order forward takes them. */
    public List<String> inputs() {
        return inputs;
    }

    /** Node names in declaration order. */
    public List<String> names() {
        return names;
    }

    /** Node indices (declaration order) in execution order. */
    public int[] order() {
        return order.clone();
    }

    int[] orderShared() {
        return order;
    }

    /** The slots node {@code node} reads (below {@link #inputCount()}: a graph input; k + j: node j's output). */
    int[] inputSlots(int node) {
        return inputSlots[node];
    }

    /** How many node inputs read {@code slot}: above 1, gradients arriving there are summed. */
    int edges(int slot) {
        return edges[slot];
    }

    int outputSlot() {
        return outputSlot;
    }

    /** The name of {@code slot}: a graph input or a node. */
    String slotName(int slot) {
        return slot < inputs.size() ? inputs.get(slot) : names.get(slot - inputs.size());
    }

    /** The number of graph inputs, k: node {@code i}'s output is slot {@code k + i}. */
    int inputCount() {
        return inputs.size();
    }

    int size() {
        return names.size();
    }
}

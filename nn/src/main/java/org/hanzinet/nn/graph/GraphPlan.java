package org.hanzinet.nn.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * <p>Slots number the tensors of one pass: slot 0 is the graph input, slot {@code i + 1} the output of
 * node {@code i} (declaration index). Validation names the offending node and input: duplicate or
 * malformed names, unknown inputs, cycles, nodes that do not lead to the output.
 */
public final class GraphPlan {
    private final String input;
    private final List<String> names;
    private final int[][] inputSlots;
    private final int[] order;
    private final int[] edges;
    private final int outputSlot;

    private GraphPlan(String input, List<String> names, int[][] inputSlots, int[] order, int[] edges, int outputSlot) {
        this.input = input;
        this.names = names;
        this.inputSlots = inputSlots;
        this.order = order;
        this.edges = edges;
        this.outputSlot = outputSlot;
    }

    /**
     * Validates the definition and plans it.
     *
     * @param input the graph input's name
     * @param names the node names in declaration order (dotted paths allowed: {@code down.0})
     * @param inputs for each node, the names of its inputs (nodes or the graph input)
     * @param output the node whose output is the graph's
     * @throws IllegalArgumentException one line naming the node and what is wrong
     */
    public static GraphPlan of(String input, List<String> names, List<List<String>> inputs, String output) {
        requireName("graph input", input, false);
        Map<String, Integer> slot = new HashMap<>();
        slot.put(input, 0);
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            requireName("graph node", n, true);
            if (slot.putIfAbsent(n, i + 1) != null) {
                throw new IllegalArgumentException("graph: node name '" + n + "' is used twice"
                        + (n.equals(input) ? " (it is the graph input's name)" : ""));
            }
        }
        requireNoNodeUnderNode(names, input);
        int[][] inSlots = new int[names.size()][];
        int[] edges = new int[names.size() + 1];
        for (int i = 0; i < names.size(); i++) {
            List<String> in = inputs.get(i);
            if (in.isEmpty()) {
                throw new IllegalArgumentException("graph: node '" + names.get(i) + "' has no inputs");
            }
            inSlots[i] = new int[in.size()];
            for (int k = 0; k < in.size(); k++) {
                Integer s = slot.get(in.get(k));
                if (s == null) {
                    throw new IllegalArgumentException("graph: node '" + names.get(i) + "' takes input '" + in.get(k)
                            + "', which is neither a node nor the graph input '" + input + "'");
                }
                inSlots[i][k] = s;
                edges[s]++;
            }
        }
        Integer out = slot.get(output);
        if (out == null || out == 0) {
            throw new IllegalArgumentException("graph: output '" + output + "' is not a node (nodes: " + names + ")");
        }
        int[] order = topologicalOrder(names, inSlots);
        requireAllUsed(names, inSlots, out); // a graph input nobody reads leaves a cycle, found above
        return new GraphPlan(input, List.copyOf(names), inSlots, order, edges, out);
    }

    private static void requireName(String what, String n, boolean dotted) {
        if (n == null || n.isEmpty() || (!dotted && n.contains(".")) || n.startsWith(".") || n.endsWith(".")
                || n.contains("..")) {
            throw new IllegalArgumentException("graph: bad " + what + " name '" + n + "' (non-empty"
                    + (dotted ? ", dots only between parts, as in down.0" : ", without dots") + ")");
        }
    }

    /** Node {@code down.0} puts its module under a group {@code down}: no node may be named {@code down} too. */
    private static void requireNoNodeUnderNode(List<String> names, String input) {
        Set<String> all = new LinkedHashSet<>(names);
        all.add(input);
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
    private static int[] topologicalOrder(List<String> names, int[][] inSlots) {
        int n = names.size();
        int[] order = new int[n];
        boolean[] done = new boolean[n + 1];
        done[0] = true;
        for (int k = 0; k < n; k++) {
            int next = -1;
            for (int i = 0; i < n && next < 0; i++) {
                if (!done[i + 1] && allDone(inSlots[i], done)) {
                    next = i;
                }
            }
            if (next < 0) {
                throw new IllegalArgumentException("graph: nodes form a cycle: " + cycle(names, inSlots, done));
            }
            done[next + 1] = true;
            order[k] = next;
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
    private static String cycle(List<String> names, int[][] inSlots, boolean[] done) {
        int at = 0;
        while (done[at + 1]) {
            at++;
        }
        List<Integer> path = new ArrayList<>();
        while (!path.contains(at)) {
            path.add(at);
            for (int s : inSlots[at]) {
                if (!done[s]) {
                    at = s - 1;
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

    private static void requireAllUsed(List<String> names, int[][] inSlots, int out) {
        boolean[] reaches = new boolean[names.size() + 1];
        Deque<Integer> todo = new ArrayDeque<>(List.of(out));
        while (!todo.isEmpty()) {
            int s = todo.pop();
            if (!reaches[s]) {
                reaches[s] = true;
                if (s > 0) {
                    for (int t : inSlots[s - 1]) {
                        todo.push(t);
                    }
                }
            }
        }
        List<String> unused = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!reaches[i + 1]) {
                unused.add(names.get(i));
            }
        }
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException("graph: node" + (unused.size() > 1 ? "s " : " ") + unused
                    + " do" + (unused.size() > 1 ? "" : "es") + " not lead to the output '" + names.get(out - 1) + "'");
        }
    }

    public String input() {
        return input;
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

    /** The slots node {@code node} reads (0 = graph input, j + 1 = node j's output). */
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

    /** The name of {@code slot}: the graph input or a node. */
    String slotName(int slot) {
        return slot == 0 ? input : names.get(slot - 1);
    }

    int size() {
        return names.size();
    }
}

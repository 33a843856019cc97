package org.hanzinet.nn.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan: topological order and the validation messages, each naming the offending node. */
class GraphPlanTest {

    private static GraphPlan plan(List<String> names, List<List<String>> inputs, String output) {
        return GraphPlan.of("x", names, inputs, output);
    }

    @Test
    void ordersNodesAfterTheirInputsKeepingDeclarationOrderOtherwise() {
        GraphPlan p = plan(List.of("sum", "a", "b"), List.of(List.of("a", "b"), List.of("x"), List.of("a")), "sum");
        assertThat(p.order()).containsExactly(1, 2, 0);
        assertThat(p.edges(0)).isEqualTo(1);
        assertThat(p.edges(2)).isEqualTo(2); // a feeds sum and b
    }

    @Test
    void unknownInputIsNamed() {
        assertThatThrownBy(() -> plan(List.of("a"), List.of(List.of("y")), "a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("graph: node 'a' takes input 'y', which is neither a node nor the graph input 'x'");
    }

    @Test
    void cycleIsNamedInDataFlowOrder() {
        assertThatThrownBy(() -> plan(List.of("a", "b", "c"), List.of(List.of("x", "c"), List.of("a"), List.of("b")), "c"))
                .hasMessage("graph: nodes form a cycle: 'b' -> 'c' -> 'a' -> 'b'");
        assertThatThrownBy(() -> plan(List.of("a"), List.of(List.of("a")), "a"))
                .hasMessage("graph: nodes form a cycle: 'a' -> 'a'");
    }

    @Test
    void unusedNodesAndAnUnusedInputAreNamed() {
        assertThatThrownBy(() -> plan(List.of("a", "aux", "aux2"), List.of(List.of("x"), List.of("x"), List.of("aux")), "a"))
                .hasMessage("graph: nodes [aux, aux2] do not lead to the output 'a'");
        assertThatThrownBy(() -> GraphPlan.of("x", List.of("a", "b"), List.of(List.of("b"), List.of("a")), "a"))
                .hasMessageContaining("cycle");
    }

    @Test
    void badNamesAreRefused() {
        assertThatThrownBy(() -> plan(List.of("a", "a"), List.of(List.of("x"), List.of("a")), "a"))
                .hasMessage("graph: node name 'a' is used twice");
        assertThatThrownBy(() -> plan(List.of("x"), List.of(List.of("x")), "x")).hasMessageContaining("graph input's name");
        assertThatThrownBy(() -> plan(List.of("down", "down.0"), List.of(List.of("x"), List.of("down")), "down.0"))
                .hasMessageContaining("node 'down.0' lies under 'down'");
        assertThatThrownBy(() -> plan(List.of("a..b"), List.of(List.of("x")), "a..b")).hasMessageContaining("'a..b'");
        assertThatThrownBy(() -> plan(List.of("a"), List.of(List.of("x")), "b")).hasMessageContaining("output 'b' is not a node");
        assertThatThrownBy(() -> plan(List.of("a"), List.of(List.of()), "a")).hasMessage("graph: node 'a' has no inputs");
    }
}

package org.hanzinet.nn.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.SequentialConfig;
import org.hanzinet.nn.layers.Add;
import org.hanzinet.nn.layers.Concat;
import org.hanzinet.nn.layers.Conv2d;
import org.hanzinet.nn.layers.MaxPool2d;
import org.hanzinet.nn.layers.ReLU;
import org.hanzinet.nn.layers.UpsampleBilinear2d;
import org.junit.jupiter.api.Test;

/** A graph as data: shapes, parameter count, validation, building, Sequential as a chain graph. */
class GraphConfigTest extends HanzinetTestBase {

    private static SequentialConfig block(int in, int out) {
        return new SequentialConfig(java.util.List.of())
                .then("conv1", new Conv2d.Config(in, out, 3, 1, 1, true)).then("relu1", new ReLU.Config());
    }

    /** Two levels of a U-Net: down.0, pool, down.1, up, cat(up, down.0), up.0, head. */
    private static GraphConfig twoLevels() {
        return GraphConfig.builder("x")
                .add("down.0", block(3, 4), "x")
                .add("pool", new MaxPool2d.Config(2, 2), "down.0")
                .add("down.1", block(4, 8), "pool")
                .add("upsample", new UpsampleBilinear2d.Config(8, 8), "down.1")
                .add("cat", new Concat.Config(), "upsample", "down.0")
                .add("up.0", block(12, 4), "cat")
                .add("head", new Conv2d.Config(4, 1, 1, 1, 0, true), "up.0")
                .build("head");
    }

    @Test
    void shapesAndParameterCountOfEveryNode() {
        GraphConfig g = twoLevels();
        assertThat(g.shapes(new int[] {2, 3, 8, 8}).get("cat")).containsExactly(2, 12, 8, 8);
        assertThat(g.outputShape(new int[] {2, 3, 8, 8})).containsExactly(2, 1, 8, 8);
        Module m = g.build(new Rng(1));
        assertThat(g.parameterCount()).isEqualTo(m.parameterCount()).isEqualTo(
                (4 * 3 * 9 + 4) + (8 * 4 * 9 + 8) + (4 * 12 * 9 + 4) + (4 + 1));
        assertThat(m.forward(randomTensor(2, 3, 8, 8)).shape()).containsExactly(2, 1, 8, 8);
        assertThat(m.stateDict().keySet()).containsExactly("down.0.conv1.weight", "down.0.conv1.bias",
                "down.1.conv1.weight", "down.1.conv1.bias", "up.0.conv1.weight", "up.0.conv1.bias", "head.weight", "head.bias");
    }

    @Test
    void aShapeMismatchNamesTheNodeAndBothShapes() {
        assertThatThrownBy(() -> twoLevels().outputShape(new int[] {2, 3, 10, 10}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("graph node 'cat' (inputs upsample [2, 8, 8, 8], down.0 [2, 4, 10, 10]): Concat: input 1 has shape"
                        + " [2, 4, 10, 10], input 0 has [2, 8, 8, 8] (along dim 1 the shapes may differ only in channels)");
        GraphConfig add = GraphConfig.builder("x").add("a", new Conv2d.Config(1, 2, 3, 1, 0, true), "x")
                .add("sum", new Add.Config(), "a", "x").build("sum");
        assertThatThrownBy(() -> add.outputShape(new int[] {1, 1, 5, 5})).hasMessageContaining("[1, 2, 3, 3]")
                .hasMessageContaining("[1, 1, 5, 5]").hasMessageContaining("graph node 'sum'");
        assertThatThrownBy(() -> twoLevels().outputShape(new int[] {2, 4, 8, 8}))
                .hasMessageStartingWith("graph node 'down.0' (inputs x [2, 4, 8, 8]): Sequential layer 'conv1'");
    }

    @Test
    void definitionErrorsAreFoundWhenTheConfigIsMade() {
        assertThatThrownBy(() -> GraphConfig.builder("x").add("a", new ReLU.Config(), "x", "x").build("a"))
                .hasMessage("graph: node 'a' (ReLU.Config) takes one input, got 2: [x, x]");
        assertThatThrownBy(() -> GraphConfig.builder("x").add("a", new ReLU.Config(), "x")
                .add("b", new ReLU.Config(), "x").build("a")).hasMessage("graph: node [b] does not lead to the output 'a'");
    }

    @Test
    void aSequentialAsAChainGraphHasTheSameNamesAndOutputs() {
        SequentialConfig seq = block(3, 4).then("conv2", new Conv2d.Config(4, 2, 1, 1, 0, false));
        Module a = seq.build(new Rng(5));
        Module b = GraphConfig.chain("x", seq).build(new Rng(5));
        assertThat(b.stateDict().keySet()).containsExactlyElementsOf(a.stateDict().keySet());
        Tensor x = randomTensor(1, 3, 4, 4);
        assertThat(b.forward(x).toArray()).containsExactly(a.forward(x).toArray());
    }

    @Test
    void aGraphNestsInAGraphAsABlock() {
        GraphConfig residual = GraphConfig.builder("in").add("conv", new Conv2d.Config(4, 4, 3, 1, 1, false), "in")
                .add("sum", new Add.Config(), "conv", "in").build("sum");
        GraphConfig outer = GraphConfig.builder("x").add("stem", new Conv2d.Config(3, 4, 1, 1, 0, true), "x")
                .add("res.0", residual, "stem").add("res.1", residual, "res.0").build("res.1");
        Module m = outer.build(new Rng(2));
        assertThat(m.stateDict().keySet()).containsExactly("stem.weight", "stem.bias", "res.0.conv.weight", "res.1.conv.weight");
        assertThat(outer.outputShape(new int[] {1, 3, 5, 5})).containsExactly(1, 4, 5, 5);
        assertThat(outer.parameterCount()).isEqualTo(m.parameterCount()).isEqualTo(16 + 2 * 144);
        GraphConfig bad = GraphConfig.builder("x").add("res.0", residual, "x").build("res.0");
        assertThatThrownBy(() -> bad.outputShape(new int[] {1, 3, 5, 5}))
                .hasMessageStartingWith("graph node 'res.0' (inputs x [1, 3, 5, 5]): graph node 'conv' (inputs in [1, 3, 5, 5]):");
    }

    @Test
    void aConfigWithTwoInputsInfersShapesAndTravelsAsJson() {
        GraphConfig g = GraphConfig.builder("image", "mask").add("cat", new Concat.Config(), "image", "mask")
                .add("conv", new Conv2d.Config(4, 2, 3, 1, 1, true), "cat").build("conv");
        assertThat(g.outputShape(java.util.List.of(new int[] {2, 3, 8, 8}, new int[] {2, 1, 8, 8})))
                .containsExactly(2, 2, 8, 8);
        assertThatThrownBy(() -> g.outputShape(new int[] {2, 3, 8, 8}))
                .hasMessage("graph: takes 2 inputs [image, mask], got 1 shapes");
        assertThat(org.hanzinet.nn.LayerTypes.fromJson(org.hanzinet.nn.LayerTypes.toJson(g))).isEqualTo(g);
        assertThat(g.build(new Rng(1)).forward(java.util.List.of(randomTensor(2, 3, 8, 8), randomTensor(2, 1, 8, 8))).shape())
                .containsExactly(2, 2, 8, 8);
    }
}

package org.hanzinet.nn.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.nn.GradientArena;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Sequential;
import org.hanzinet.nn.layers.Add;
import org.hanzinet.nn.layers.Concat;
import org.hanzinet.nn.layers.Conv2d;
import org.hanzinet.nn.layers.Dropout;
import org.hanzinet.nn.layers.ReLU;
import org.hanzinet.nn.layers.Sigmoid;
import org.hanzinet.nn.layers.Tanh;
import org.hanzinet.nn.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/** A graph of modules: fan-out gradient summing, names, input-gradient skipping, modes, misuse. */
class GraphTest extends HanzinetTestBase {

    /**
     * x feeds c1 and skip (2 edges); s = sigmoid(c1) feeds b1, b2 and the final Add (3 edges):
     * <pre>
     * x -> c1 -> s -> b1 \
     *              -> b2 -> cat(b1, b2) -> sum(cat, s, skip)
     * x -> skip ------------------------/
     * </pre>
     */
    private Graph skipAndConcat() {
        return Graph.builder("x")
                .add("c1", new Conv2d(2, 3, 3, 1, 1, true, rng), "x")
                .add("s", new Sigmoid(), "c1")
                .add("b1", new Conv2d(3, 2, 3, 1, 1, true, rng), "s")
                .add("b2", new Conv2d(3, 1, 1, 1, 0, true, rng), "s")
                .add("cat", new Concat(), "b1", "b2")
                .add("skip", new Conv2d(2, 3, 1, 1, 0, false, rng), "x")
                .add("sum", new Add(), "cat", "s", "skip")
                .build("sum");
    }

    @Test
    void fanOutGradientsAreSummedCheckedByCentralDifferences() {
        Graph g = skipAndConcat();
        assertThat(g.plan().edges(0)).isEqualTo(2);
        assertThat(g.plan().edges(2)).isEqualTo(3); // s
        GradientCheck.check(g, randomTensor(2, 2, 5, 5), rng);
    }

    @Test
    void repeatedStepsGiveTheSameGradientsSoSumBuffersStartAfresh() {
        Graph g = skipAndConcat();
        Tensor x = randomTensor(2, 2, 5, 5);
        Tensor dy = randomTensor(2, 3, 5, 5);
        g.forward(x);
        Tensor first = g.backward(dy).copy();
        g.forward(x);
        assertThat(g.backward(dy).toArray()).containsExactly(first.toArray());
    }

    @Test
    void noInputGradientIsPassedToTheNodesReadingTheInput() {
        Graph g = skipAndConcat();
        Tensor x = randomTensor(2, 2, 5, 5);
        Tensor dy = randomTensor(2, 3, 5, 5);
        g.forward(x);
        g.backward(dy);
        float[] gradC1 = g.node("c1").namedParameters().get("weight").grad().toArray();
        g.zeroGrad();
        g.requireInputGradient(false);
        assertThat(g.node("c1").inputGradientRequired()).isFalse();
        assertThat(g.node("skip").inputGradientRequired()).isFalse();
        assertThat(g.node("b1").inputGradientRequired()).isTrue();
        g.forward(x);
        assertThat(g.backward(dy)).isNull();
        assertThat(g.node("c1").namedParameters().get("weight").grad().toArray()).containsExactly(gradC1);
    }

    @Test
    void dottedNodeNamesAndBlocksGivePyTorchNestedNames() {
        Sequential block = new Sequential().add("conv1", new Conv2d(1, 2, 3, 1, 1, true, rng)).add("relu1", new ReLU());
        Graph inner = Graph.builder("in").add("conv", new Conv2d(2, 2, 1, 1, 0, false, rng), "in").build("conv");
        Graph g = Graph.builder("x")
                .add("down.0", block, "x")
                .add("down.1", inner, "down.0")
                .add("head", new Conv2d(2, 1, 1, 1, 0, true, rng), "down.1")
                .build("head");
        assertThat(g.stateDict().keySet()).containsExactly("down.0.conv1.weight", "down.0.conv1.bias",
                "down.1.conv.weight", "head.weight", "head.bias");
        assertThat(g.forward(randomTensor(1, 1, 4, 4)).shape()).containsExactly(1, 1, 4, 4);
    }

    @Test
    void trainAndEvalReachNodesInsideGroups() {
        Dropout d = new Dropout(0.5f, rng);
        Graph g = Graph.builder("x").add("blocks.0.drop", d, "x").build("blocks.0.drop");
        g.eval();
        assertThat(d.isTraining()).isFalse();
        g.train();
        assertThat(d.isTraining()).isTrue();
    }

    @Test
    void aRuntimeShapeErrorNamesTheNodeAndBothShapes() {
        Graph g = Graph.builder("x")
                .add("a", new Conv2d(1, 2, 3, 1, 1, true, rng), "x")
                .add("b", new Conv2d(1, 2, 3, 1, 0, true, rng), "x")
                .add("sum", new Add(), "a", "b")
                .build("sum");
        assertThatThrownBy(() -> g.forward(randomTensor(1, 1, 6, 6))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("graph node 'sum'").hasMessageContaining("[1, 2, 6, 6]")
                .hasMessageContaining("[1, 2, 4, 4]");
    }

    @Test
    void misuseIsRefusedWithTheNodeNamed() {
        Module conv = new Conv2d(1, 1, 1, 1, 0, true, rng);
        assertThatThrownBy(() -> Graph.builder("x").add("a", conv, "x").add("b", conv, "a").build("b"))
                .hasMessageContaining("'a' and 'b' share one module");
        assertThatThrownBy(() -> Graph.builder("x").add("a", new ReLU(), "x", "x").build("a"))
                .hasMessageContaining("node 'a' (ReLU").hasMessageContaining("takes one input, got 2");
        assertThatThrownBy(() -> Graph.builder("x").add("a", new ReLU(), "x").build("a").backward(Tensor.zeros(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before forward");
    }

    /** Inputs image and mask, concatenated and convolved: [N,3,H,W] + [N,1,H,W] -> [N,2,H,W]. */
    private Graph twoInputs() {
        return Graph.builder("image", "mask")
                .add("cat", new Concat(), "image", "mask")
                .add("conv", new Conv2d(4, 2, 3, 1, 1, true, rng), "cat")
                .build("conv");
    }

    @Test
    void aGraphWithTwoInputsReturnsAGradientForEach() {
        Graph g = twoInputs();
        Tensor image = randomTensor(2, 3, 4, 4);
        Tensor mask = randomTensor(2, 1, 4, 4);
        Tensor y = g.forward(java.util.List.of(image, mask)).copy();
        Module conv = g.node("conv");
        Tensor cat = new Concat().forward(java.util.List.of(image, mask));
        assertThat(conv.forward(cat).toArray()).containsExactly(y.toArray());
        g.forward(java.util.List.of(image, mask));
        java.util.List<Tensor> grads = g.backwardAll(randomTensor(2, 2, 4, 4));
        assertThat(grads).hasSize(2);
        assertThat(grads.get(0).shape()).containsExactly(2, 3, 4, 4);
        assertThat(grads.get(1).shape()).containsExactly(2, 1, 4, 4);
        assertThatThrownBy(() -> g.forward(image)).hasMessage("graph: takes 2 inputs [image, mask], got 1");
        assertThatThrownBy(() -> Graph.builder("image", "mask").add("c", new ReLU(), "image").build("c"))
                .hasMessage("graph: input 'mask' is not read by any node");
    }

    @Test
    void aTwoInputGraphNestsAsAMergeNodeCheckedByCentralDifferences() {
        Graph inner = twoInputs();
        Graph outer = Graph.builder("x")
                .add("a", new Conv2d(2, 3, 1, 1, 0, true, rng), "x")
                .add("b", new Conv2d(2, 1, 1, 1, 0, true, rng), "x")
                .add("pair", inner, "a", "b")
                .build("pair");
        assertThatThrownBy(() -> Graph.builder("x").add("a", new Conv2d(2, 1, 1, 1, 0, true, rng), "x")
                .add("pair", new Sigmoid(), "a", "x").build("pair")).hasMessageContaining("takes one input, got 2");
        GradientCheck.check(outer, randomTensor(2, 2, 3, 3), rng);
        assertThat(outer.stateDict().keySet()).containsExactly("a.weight", "a.bias", "b.weight", "b.bias",
                "pair.conv.weight", "pair.conv.bias");
    }

    /**
     * The shared input-gradient buffers must not hand out a gradient another branch still waits for: Add
     * passes relu's gradient on to both branches by reference; had the arena taken it back after Add, tanh's
     * input gradient (same size) would be written into it before sigmoid read it.
     */
    @Test
    void aGradientTwoBranchesWaitForIsNotReusedEarly() {
        Graph g = Graph.builder("x")
                .add("t", new Tanh(), "x")
                .add("s", new Sigmoid(), "x")
                .add("sum", new Add(), "t", "s")
                .add("relu", new ReLU(), "sum")
                .build("relu");
        Tensor x = randomTensor(2, 3, 5, 7);
        Tensor dy = randomTensor(2, 3, 5, 7);
        g.forward(x);
        Tensor owned;
        try (GradientArena.Scope s = GradientArena.withoutArena()) {
            owned = g.backward(dy).copy();
        }
        for (int step = 0; step < 2; step++) {
            g.forward(x);
            assertThat(g.backward(dy).toArray()).as("step %d", step).containsExactly(owned.toArray());
        }
        assertThat(GradientArena.current()).isNull();
    }
}

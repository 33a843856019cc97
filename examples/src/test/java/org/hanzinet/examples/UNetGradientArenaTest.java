package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.examples.unet.UNetModel;
import org.hanzinet.nn.GradientArena;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Parameter;
import org.junit.jupiter.api.Test;

/**
 * The shared input-gradient buffers ({@link GradientArena}) on the U-Net, the network they were made for:
 * skip connections (fan-out summed by the graph), concat, up-sampling, and Sequential blocks nested in a graph.
 * Gradients must be bit for bit those of the same network with every layer keeping its own buffer, in the
 * first step and in later ones (a buffer handed to two live gradients would show there), and the arena must
 * hold less than the per-layer buffers did.
 */
class UNetGradientArenaTest {
    private static final int[] WIDTHS = {4, 8, 16};

    @Test
    void gradientsEqualOwnedBuffersStepAfterStepInLessMemory() {
        Module shared = UNetModel.config(WIDTHS).build(new Rng(3));
        Module owned = UNetModel.config(WIDTHS).build(new Rng(3));
        Rng rng = new Rng(11);
        GradientArena arena = new GradientArena();
        for (int step = 0; step < 3; step++) {
            Tensor x = Tensor.zeros(2, 3, 32, 32).uniform(rng, -1f, 1f);
            Tensor dy = Tensor.zeros(2, 1, 32, 32).uniform(rng, -1f, 1f);
            zeroGrads(shared);
            zeroGrads(owned);
            shared.forward(x);
            Tensor dxShared;
            try (GradientArena.Scope s = GradientArena.enter(arena)) {
                dxShared = shared.backward(dy).copy();
            }
            owned.forward(x);
            Tensor dxOwned;
            try (GradientArena.Scope s = GradientArena.withoutArena()) {
                dxOwned = owned.backward(dy).copy();
            }
            assertThat(dxShared.toArray()).as("input gradient, step %d", step).containsExactly(dxOwned.toArray());
            Map<String, Parameter> a = shared.namedParameters();
            Map<String, Parameter> b = owned.namedParameters();
            for (String name : a.keySet()) {
                assertThat(a.get(name).grad().toArray()).as("%s, step %d", name, step)
                        .containsExactly(b.get(name).grad().toArray());
            }
        }
        // Every layer's input gradient, as the owned buffers held them: the sum over the network's layers.
        long perLayer = inputGradientFloats(2, 32);
        assertThat(arena.floatsHeld()).as("floats held by the arena, against %d in per-layer buffers", perLayer)
                .isLessThan(perLayer / 2);
    }

    @Test
    void aContainerUsesItsOwnArenaWhenNoneIsCurrent() {
        Module net = UNetModel.config(WIDTHS).build(new Rng(3));
        Tensor x = Tensor.zeros(1, 3, 16, 16).uniform(new Rng(1), -1f, 1f);
        Tensor dy = Tensor.zeros(1, 1, 16, 16).uniform(new Rng(2), -1f, 1f);
        net.forward(x);
        Tensor first = net.backward(dy).copy();
        net.forward(x);
        assertThat(net.backward(dy).toArray()).containsExactly(first.toArray());
        assertThat(GradientArena.current()).as("no arena left current after backward").isNull();
    }

    /**
     * Floats of the input gradients of every layer of the U-Net at batch n and side s (what layers owning their
     * buffers keep): per block conv, BN, ReLU twice; pools, up-samplings, concats and the head.
     */
    private static long inputGradientFloats(int n, int side) {
        long total = 0;
        List<long[]> levels = new ArrayList<>();
        for (int i = 0; i < WIDTHS.length; i++) {
            long px = (long) (side >> i) * (side >> i);
            int in = i == 0 ? 3 : WIDTHS[i - 1];
            total += n * px * (in + 5L * WIDTHS[i]);               // down block: conv1 (in), bn1, relu1, conv2, bn2, relu2
            if (i > 0) {
                total += n * px * 4 * WIDTHS[i - 1];               // max-pool: the level above's size
            }
            levels.add(new long[] {px, WIDTHS[i]});
        }
        for (int i = WIDTHS.length - 2; i >= 0; i--) {
            long px = levels.get(i)[0];
            int cat = WIDTHS[i + 1] + WIDTHS[i];
            total += n * (px / 4) * WIDTHS[i + 1];                  // up-sampling: the level below
            total += n * px * cat;                                  // concat: both inputs
            total += n * px * (cat + 5L * WIDTHS[i]);               // up block
        }
        return total + (long) n * side * side * WIDTHS[0];         // head
    }

    private static void zeroGrads(Module m) {
        for (Parameter p : m.namedParameters().values()) {
            p.grad().fill(0f);
        }
    }
}

package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.examples.config.ModelKind;
import org.hanzinet.examples.model.Head;
import org.hanzinet.examples.model.ReferenceModels;
import org.hanzinet.examples.train.HeapEstimate;
import org.hanzinet.nn.LayerConfig;
import org.hanzinet.nn.LayerTypes;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ReferenceModelsTest extends HanzinetTestBase {

    @Test
    void featureCountsMatchTheSeedAt2048() {
        assertThat(ReferenceModels.model1Features(2048)).isEqualTo(4_145_296);
        assertThat(ReferenceModels.model2Features(2048)).isEqualTo(524_288);
        // fc1 alone: 1,048,759,888 weights (reference-models.md), + its bias and the other layers.
        assertThat(HeapEstimate.parameterCount(ModelKind.MODEL1, 2048)).isGreaterThan(1_048_759_888L);
        assertThat(ReferenceModels.model1Features(128)).isEqualTo(16 * 29 * 29);
        assertThatThrownBy(() -> ReferenceModels.model1(8, Head.BANDS_1D, rng))
                .hasMessageContaining("image size must be >= 16 for the reference models, got 8");
    }

    @Test
    void model1HasTheSeedsParameterNamesAndShapes() {
        Module m = ReferenceModels.model1(64, Head.BANDS_1D, rng);
        Map<String, Parameter> p = m.namedParameters();
        assertThat(p.keySet()).containsExactly("layer1.0.weight", "layer1.0.bias", "layer2.0.weight", "layer2.0.bias",
                "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias");
        assertThat(p.get("layer2.0.weight").shape()).containsExactly(16, 3, 5, 5);
        assertThat(p.get("fc1.weight").shape()).containsExactly(253, ReferenceModels.model1Features(64));
        assertThat(p.get("fc3.weight").shape()).containsExactly(64, 120);
        assertThat(m.parameterCount()).isEqualTo(HeapEstimate.parameterCount(ModelKind.MODEL1, 64));
    }

    @Test
    void model2HasTheSeedsParameterNamesAndShapes() {
        Module m = ReferenceModels.model2(64, Head.GRID_2D, rng);
        Map<String, Parameter> p = m.namedParameters();
        assertThat(p.keySet()).containsExactly("layer1.0.weight", "layer1.0.bias", "layer2.0.weight", "layer2.0.bias",
                "layer3.0.weight", "layer3.0.bias", "layer4.0.weight", "layer4.0.bias", "fc.weight", "fc.bias");
        assertThat(p.get("layer3.0.weight").shape()).containsExactly(64, 128, 5, 5);
        assertThat(p.get("fc.weight").shape()).containsExactly(20, 32 * 4 * 4);
        assertThat(m.parameterCount()).isEqualTo(HeapEstimate.parameterCount(ModelKind.MODEL2, 64));
    }

    @ParameterizedTest
    @EnumSource(Head.class)
    void bothModelsGiveProbabilitiesOfTheImageShape(Head head) {
        for (ModelKind kind : ModelKind.values()) {
            Module m = kind.build(48, head, new Rng(3));
            m.eval();
            Tensor out = m.forward(randomTensor(2, 3, 48, 48).map(v -> Math.abs(v) % 1f));
            assertThat(out.shape()).containsExactly(2, 1, 48, 48);
            assertThat(out.max()).isLessThanOrEqualTo(1f);
            assertThat(-out.copy().scale(-1).max()).isGreaterThanOrEqualTo(0f);
        }
    }

    @Test
    void bandHeadRepeatsEachOutputOverConsecutiveRowsAndGridHeadVariesAlongColumns() {
        // 1-D head at 64 px: 64 outputs, each covering 64*64/64 = 64 pixels = exactly one row.
        Module bands = ReferenceModels.model1(64, Head.BANDS_1D, new Rng(5));
        bands.eval();
        Tensor x = randomTensor(1, 3, 64, 64).map(v -> Math.abs(v) % 1f);
        Tensor b = bands.forward(x);
        for (int row = 0; row < 64; row++) {
            for (int col = 1; col < 64; col++) {
                assertThat(b.get(0, 0, row, col)).isEqualTo(b.get(0, 0, row, 0));
            }
        }
        Module grid = ReferenceModels.model1(64, Head.GRID_2D, new Rng(5));
        grid.eval();
        Tensor g = grid.forward(x);
        boolean variesAlongRow = false;
        for (int col = 1; col < 64; col++) {
            variesAlongRow |= g.get(0, 0, 10, col) != g.get(0, 0, 10, 0);
        }
        assertThat(variesAlongRow).as("the 2-D head interpolates across columns").isTrue();
    }

    @ParameterizedTest
    @EnumSource(Head.class)
    void theConfigsTravelAsJsonAndRebuildTheSameModels(Head head) {
        for (ModelKind kind : ModelKind.values()) {
            LayerConfig cfg = kind == ModelKind.MODEL1 ? ReferenceModels.model1Config(40, head)
                    : ReferenceModels.model2Config(40, head);
            LayerConfig back = LayerTypes.fromJson(LayerTypes.toJson(cfg));
            assertThat(back).isEqualTo(cfg);
            assertThat(back.outputShape(new int[] {2, 3, 40, 40})).containsExactly(2, 1, 40, 40);
            Map<String, Tensor> a = back.build(new Rng(9)).stateDict();
            Map<String, Tensor> b = kind.build(40, head, new Rng(9)).stateDict();
            assertThat(a.keySet()).containsExactlyElementsOf(b.keySet());
            a.forEach((name, t) -> assertThat(t.toArray()).as(name).containsExactly(b.get(name).toArray()));
        }
    }
}

package org.hanzinet.data.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hanzinet.data.augment.AugmentPipeline.Step;
import org.hanzinet.data.dataset.Sample;
import org.hanzinet.data.testing.ArrayAssert;
import org.junit.jupiter.api.Test;

class AugmentPipelineTest {
    private final Sample in = Samples.marked(96, 80, 20, 20, 50, 44, 60, 10, 90, 30);
    private final AugmentPipeline pipeline = AugmentPipeline.segmentation(64);

    @Test
    void sameSeedEpochAndIndexGiveTheSameSampleAndOthersDoNot() {
        Sample a = pipeline.apply(in, 7, 2, 13);
        Sample b = pipeline.apply(in, 7, 2, 13);
        ArrayAssert.assertSameFloats("image", a.image().toArray(), b.image().toArray());
        ArrayAssert.assertSameFloats("mask", a.mask().toArray(), b.mask().toArray());
        ArrayAssert.assertSameFloats("ignore", a.ignore().toArray(), b.ignore().toArray());
        assertThat(pipeline.apply(in, 7, 3, 13).image().toArray()).as("next epoch").isNotEqualTo(a.image().toArray());
        assertThat(pipeline.apply(in, 7, 2, 14).image().toArray()).as("next index").isNotEqualTo(a.image().toArray());
        assertThat(pipeline.apply(in, 8, 2, 13).image().toArray()).as("other seed").isNotEqualTo(a.image().toArray());
    }

    @Test
    void segmentationPipelineGivesCropsOfItsSizeWithValidValues() {
        for (int index = 0; index < 12; index++) {
            Sample s = pipeline.apply(in, 1, 0, index);
            assertThat(s.image().shape()).containsExactly(3, 64, 64);
            for (float v : s.image().toArray()) {
                assertThat(v).isBetween(0f, 1f);
            }
            for (float v : s.mask().toArray()) {
                assertThat(v).isIn(0f, 1f);
            }
            for (float v : s.ignore().toArray()) {
                assertThat(v).isIn(0f, 1f);
            }
        }
    }

    @Test
    void probabilityZeroNeverAppliesAndOneAlwaysDoes() {
        AugmentPipeline never = new AugmentPipeline(List.of(new Step(new HorizontalFlip(), 0)));
        AugmentPipeline always = new AugmentPipeline(List.of(new Step(new HorizontalFlip(), 1)));
        for (int i = 0; i < 20; i++) {
            assertThat(never.apply(in, 3, 0, i)).isSameAs(in);
            assertThat(always.apply(in, 3, 0, i).mask().get(0, 30, 96 - 1 - 25)).isEqualTo(1f);
        }
    }

    @Test
    void whetherOneStepFiresDoesNotChangeTheNextStepsRandomness() {
        Sample symmetric = Samples.flat(16, 16, 0.5f, 0.5f, 0.5f); // a flip leaves it as it is
        GaussianNoise noise = new GaussianNoise(0.1, 0.1);
        Sample a = new AugmentPipeline(List.of(new Step(new HorizontalFlip(), 0), new Step(noise, 1))).apply(symmetric, 5, 1, 2);
        Sample b = new AugmentPipeline(List.of(new Step(new HorizontalFlip(), 1), new Step(noise, 1))).apply(symmetric, 5, 1, 2);
        ArrayAssert.assertSameFloats("noise after a flip that did or did not fire", a.image().toArray(), b.image().toArray());
    }

    @Test
    void pipelineRoundTripsThroughJsonAndValidatesWhatItReads() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String text = json.writeValueAsString(pipeline);
        assertThat(text).contains("\"type\":\"ColorJitter\"", "\"probability\":0.8");
        assertThat(json.readValue(text, AugmentPipeline.class)).isEqualTo(pipeline);
        String bad = text.replace("\"hue\":0.05", "\"hue\":0.9");
        assertThatThrownBy(() -> json.readValue(bad, AugmentPipeline.class))
                .hasRootCauseMessage("ColorJitter.hue must be in [0, 0.5], got 0.9");
    }

    @Test
    void badStepIsOneLine() {
        assertThatThrownBy(() -> new Step(new HorizontalFlip(), 1.5))
                .hasMessage("AugmentPipeline.Step.probability of HorizontalFlip must be in [0, 1], got 1.5");
    }
}

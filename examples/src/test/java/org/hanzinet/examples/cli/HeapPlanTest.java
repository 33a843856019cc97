package org.hanzinet.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.hanzinet.examples.config.ModelKind;
import org.hanzinet.examples.train.TrainingRun;
import org.junit.jupiter.api.Test;

/** The heap the launcher asks for follows the runs' estimate, within the default and the machine's memory. */
class HeapPlanTest {
    private static final long GIB = 1L << 30;
    private static final long BIG_MACHINE = 64 * GIB;

    @Test
    void theSeedProfileGetsTheLargestRunsRecommendation() throws Exception {
        var runs = HeapPlan.plannedRuns("reproduce", "--profile", "seed", "--no-unet");
        assertThat(runs).hasSize(4).allSatisfy(c -> assertThat(c.imageSize()).isEqualTo(2048));
        long model1 = runs.stream().filter(c -> c.model() == ModelKind.MODEL1)
                .mapToLong(c -> TrainingRun.heapEstimate(c).recommendedGib()).max().getAsLong();
        // Model 1's 1.05 G fc1 weights x (value + gradient + momentum) alone are 12.6 GB, + 25 % head-room.
        assertThat(model1).isGreaterThanOrEqualTo(16);
        assertThat(HeapPlan.heapGib(BIG_MACHINE, "reproduce", "--profile", "seed")).hasValue(model1);
    }

    @Test
    void model2AtTheSeedSizeNeedsLessThanModel1AndMoreThanTheDefault() {
        OptionalLong m2 = HeapPlan.heapGib(BIG_MACHINE, "train", "--model", "model2", "--profile", "seed");
        OptionalLong m1 = HeapPlan.heapGib(BIG_MACHINE, "train", "--model", "model1", "--profile", "seed");
        assertThat(m2).isPresent();
        assertThat(m2.getAsLong()).isGreaterThan(HeapPlan.DEFAULT_GIB).isLessThan(m1.getAsLong());
    }

    @Test
    void neverBelowTheDefaultNorAboveNinetyPercentOfTheMachine() {
        assertThat(HeapPlan.heapGib(BIG_MACHINE, "train", "--model", "model2")).hasValue(HeapPlan.DEFAULT_GIB);
        assertThat(HeapPlan.heapGib(10 * GIB, "reproduce", "--profile", "seed")).hasValue(9);
        assertThat(HeapPlan.heapGib(4 * GIB, "reproduce", "--profile", "seed")).hasValue(HeapPlan.DEFAULT_GIB);
    }

    @Test
    void commandsWithoutAReferenceModelRunOrThatDoNotParseGetNothing() {
        assertThat(HeapPlan.heapGib(BIG_MACHINE, "predict", "--input", "x.jpg")).isEmpty();
        assertThat(HeapPlan.heapGib(BIG_MACHINE, "train", "--model", "unet")).isEmpty();
        assertThat(HeapPlan.heapGib(BIG_MACHINE, "train", "--no-such-option")).isEmpty();
        assertThat(HeapPlan.heapGib(BIG_MACHINE, "reproduce", "--help")).isEmpty();
        assertThat(HeapPlan.heapGib(BIG_MACHINE)).isEmpty();
    }
}

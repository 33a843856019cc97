package org.hanzinet.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.hanzinet.nn.optim.Adam;
import org.hanzinet.nn.optim.SGD;
import org.hanzinet.nn.train.ParameterVectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameter averaging: equal to synchronous training where the algebra says so, and it trains. */
class ParameterAveragingTest {
    static final int SIZE = 32;
    @TempDir
    static Path dir;
    static List<PhotoSample> photos;

    @BeforeAll
    static void photos() {
        photos = SparkFixture.photos(dir, 6, 32);
    }

    static final ModelFactory SMALL = () -> TestModels.small(31);

    @Test
    void averagingEveryStepWithPlainSgdEqualsSynchronousTraining() {
        OptimizerFactory sgd = m -> new SGD(m.namedParameters(), 0.5, 0, 0, false);
        SparkTrainer sync = new SparkTrainer(SparkFixture.spark(), SMALL, sgd, SparkTrainingConfig.synchronous(2, 4, 6, 2, SIZE));
        List<EpochLoss> a = sync.fit(photos, SynchronousTrainingTest.NO_CHECKPOINT);
        SparkTrainer avg = new SparkTrainer(SparkFixture.spark(), SMALL, sgd, SparkTrainingConfig.averaging(2, 4, 6, 1, 2, SIZE));
        List<EpochLoss> b = avg.fit(photos, SynchronousTrainingTest.NO_CHECKPOINT);

        assertThat(ParameterVectors.maxAbsDifference(ParameterVectors.values(sync.model()),
                ParameterVectors.values(avg.model()))).isLessThan(1e-5f);
        assertThat(b.get(1).meanLoss()).isCloseTo(a.get(1).meanLoss(), org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void averagingEveryTwoStepsWithAdamTrainsAndAveragesItsState() {
        OptimizerFactory adam = m -> new Adam(m.namedParameters(), 2e-2, 0.9, 0.999, 1e-8, 0);
        SparkTrainer avg = new SparkTrainer(SparkFixture.spark(), SMALL, adam, SparkTrainingConfig.averaging(4, 2, 6, 2, 2, SIZE));
        List<EpochLoss> losses = avg.fit(photos, SynchronousTrainingTest.NO_CHECKPOINT);

        assertThat(losses).hasSize(4);
        assertThat(losses.get(3).meanLoss()).isLessThan(losses.get(0).meanLoss());
        // 3 steps per epoch in rounds of 2 and 1; a worker holding no photo of a batch skips that local step,
        // so the averaged step count is at most 12, rounded to a whole number.
        float steps = avg.optimizer().state().get("step").getFlat(0);
        assertThat(steps).isBetween(4f, 12f);
        assertThat(steps).isEqualTo((float) Math.rint(steps));
        assertThat(avg.optimizer().state()).containsKey("0.weight.exp_avg");
    }
}

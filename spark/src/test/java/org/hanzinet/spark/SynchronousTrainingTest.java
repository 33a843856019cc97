package org.hanzinet.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.optim.Adam;
import org.hanzinet.nn.optim.SGD;
import org.hanzinet.nn.train.ParameterVectors;
import org.hanzinet.nn.train.TrainingStep;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two workers (local[2], 2 partitions) train as one machine with the same global batch. */
class SynchronousTrainingTest {
    static final int SIZE = 32;
    @TempDir
    static Path dir;
    static List<PhotoSample> photos;

    @BeforeAll
    static void photos() {
        photos = SparkFixture.photos(dir, 6, 48);
    }

    static final ModelFactory MODEL2 = () -> TestModels.model2(SIZE, 11);
    static final ModelFactory SMALL = () -> TestModels.small(12);
    static final OptimizerFactory SGD_MOMENTUM = m -> new SGD(m.namedParameters(), 0.05, 0.9, 0, false);
    static final OptimizerFactory ADAM = m -> new Adam(m.namedParameters(), 1e-2, 0.9, 0.999, 1e-8, 0);

    @Test
    void model2OneStepOnTwoWorkersEqualsOneProcessStepOnTheWholeBatch() {
        SparkTrainingConfig cfg = SparkTrainingConfig.synchronous(1, 4, 3, 2, SIZE);
        List<PhotoSample> four = photos.subList(0, 4);
        SparkTrainer spark = new SparkTrainer(SparkFixture.spark(), MODEL2, SGD_MOMENTUM, cfg);
        List<EpochLoss> losses = spark.fit(four, NO_CHECKPOINT);

        LocalReference local = new LocalReference(MODEL2, SGD_MOMENTUM);
        double loss = local.step(dir, four, new BatchPlan(4, 4, 3, 1).batch(0), cfg, 1, 0);

        float[] expected = ParameterVectors.values(local.model);
        float[] actual = ParameterVectors.values(spark.model());
        assertThat(ParameterVectors.maxAbsDifference(expected, actual)).isLessThan(1e-5f);
        assertThat(ParameterVectors.maxAbsDifference(expected, ParameterVectors.values(MODEL2.create()))).isGreaterThan(1e-4f);
        assertThat(losses.get(0).meanLoss()).isCloseTo(loss, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void smallNetworkOneStepEqualsTrainingStepOnTheConcatenatedBatch() {
        SparkTrainingConfig cfg = SparkTrainingConfig.synchronous(1, 6, 5, 2, SIZE);
        SparkTrainer spark = new SparkTrainer(SparkFixture.spark(), SMALL, ADAM, cfg);
        spark.fit(photos, NO_CHECKPOINT);

        Module m = SMALL.create();
        Tensor[] batch = SparkFixture.localBatch(dir, photos, new int[] {0, 1, 2, 3, 4, 5}, SIZE);
        new TrainingStep(m, ADAM.create(m)).step(batch[0], batch[1], batch[2]);

        assertThat(ParameterVectors.maxAbsDifference(ParameterVectors.values(m), ParameterVectors.values(spark.model())))
                .isLessThan(1e-5f);
    }

    @Test
    void graphNetworkOneStepEqualsTrainingStepOnTheConcatenatedBatch() {
        ModelFactory graph = () -> TestModels.graph(13);
        SparkTrainingConfig cfg = SparkTrainingConfig.synchronous(1, 6, 5, 2, SIZE);
        SparkTrainer spark = new SparkTrainer(SparkFixture.spark(), graph, ADAM, cfg);
        spark.fit(photos, NO_CHECKPOINT);

        Module m = graph.create();
        Tensor[] batch = SparkFixture.localBatch(dir, photos, new int[] {0, 1, 2, 3, 4, 5}, SIZE);
        new TrainingStep(m, ADAM.create(m)).step(batch[0], batch[1], batch[2]);

        float[] expected = ParameterVectors.values(m);
        assertThat(ParameterVectors.maxAbsDifference(expected, ParameterVectors.values(spark.model()))).isLessThan(1e-5f);
        assertThat(ParameterVectors.maxAbsDifference(expected, ParameterVectors.values(graph.create()))).isGreaterThan(1e-4f);
    }

    @Test
    void threeEpochsOnTwoWorkersReachTheSingleProcessLosses() {
        SparkTrainingConfig cfg = SparkTrainingConfig.synchronous(3, 3, 9, 2, SIZE);
        SparkTrainer spark = new SparkTrainer(SparkFixture.spark(), MODEL2, ADAM, cfg);
        List<EpochLoss> losses = spark.fit(photos, NO_CHECKPOINT);
        List<Double> expected = new LocalReference(MODEL2, ADAM).fit(dir, photos, cfg);

        assertThat(losses).hasSize(3);
        for (int e = 0; e < 3; e++) {
            assertThat(losses.get(e).meanLoss()).isCloseTo(expected.get(e), org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(losses.get(2).meanLoss()).isNotEqualTo(losses.get(0).meanLoss());
    }

    static final EpochCheckpoint NO_CHECKPOINT = new EpochCheckpoint() {
        @Override
        public void save(Module model, org.hanzinet.nn.optim.Optimizer optimizer, int epoch, List<EpochLoss> history) {}

        @Override
        public java.util.OptionalInt load(Module model, org.hanzinet.nn.optim.Optimizer optimizer) {
            return java.util.OptionalInt.empty();
        }
    };
}

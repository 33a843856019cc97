package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Offset;
import org.hanzinet.core.Seeds;
import org.hanzinet.core.Tensor;
import org.hanzinet.data.dataset.BatchBuffers;
import org.hanzinet.data.dataset.CtwDataset;
import org.hanzinet.data.dataset.DataLoader;
import org.hanzinet.data.dataset.LoaderOptions;
import org.hanzinet.examples.cli.SparkOptions;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.examples.data.CtwData;
import org.hanzinet.examples.report.Json;
import org.hanzinet.examples.report.LossCsv;
import org.hanzinet.examples.train.RunCheckpoint;
import org.hanzinet.examples.train.TrainingRun;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.train.DropoutSeeds;
import org.hanzinet.nn.train.GradientSum;
import org.hanzinet.nn.train.ParameterVectors;
import org.hanzinet.nn.train.TrainingStep;
import org.hanzinet.spark.BatchPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --spark local[2]}: the CLI wiring around the spark module's trainer. That the trainer on
 * two workers equals one process taking the same steps is proven in the spark module
 * ({@code SynchronousTrainingTest}); here, that the CLI feeds it the run's data, initial weights, optimiser
 * and batches, and writes a run folder the other commands use. Dropout is the one difference from the
 * single-machine {@code train}: Spark draws a mask per photo from (seed, epoch, step, photo), the
 * single-machine loop one per batch, so model 2's losses agree in distribution only, not bit for bit.
 */
class SparkTrainCliTest {
    private static final int SIZE = 32;

    @TempDir
    Path tmp;

    @Test
    void model2OnLocalSparkWritesARunFolderEqualToTheOneProcessReferenceThatPredictUses() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path data = TinyCtw.write(tmp.resolve("ctw"), 10, SIZE, 5);
        CliRunner.Result r = CliRunner.run("train", "--spark", "local[2]", "--model", "model2", "--data", data.toString(),
                "--image-size", Integer.toString(SIZE), "--images", "10", "--epochs", "1", "--batch-size", "3",
                "--threads", "1", "--runs", tmp.resolve("runs").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("on Spark local[2] (synchronous").contains("Epoch [1/1], Loss: ");
        Path run = CliSmokeTest.onlyRunFolder(tmp.resolve("runs"));
        for (String f : List.of("config.json", "checkpoint.safetensors", "losses.csv", "loss-curve.png", "report.md")) {
            assertThat(run.resolve(f)).isNotEmptyFile();
        }

        RunConfig cfg = Json.read(run.resolve("config.json"), RunConfig.class);
        CtwDataset train = CtwData.load(cfg).train();
        Module reference = TrainingRun.buildModel(cfg);
        Module initial = TrainingRun.buildModel(cfg);
        double firstEpochLoss = referenceEpoch(cfg, train, reference);
        Module trained = TrainingRun.buildModel(cfg);
        RunCheckpoint.loadModel(run.resolve("checkpoint.safetensors"), cfg, trained);

        float[] expected = ParameterVectors.values(reference);
        assertThat(ParameterVectors.maxAbsDifference(expected, ParameterVectors.values(trained))).isLessThan(1e-5f);
        assertThat(ParameterVectors.maxAbsDifference(expected, ParameterVectors.values(initial))).isGreaterThan(1e-4f);
        assertThat(LossCsv.read(run.resolve("losses.csv")).get(0).trainLoss()).isCloseTo(firstEpochLoss, Offset.offset(1e-5));
        // The batches are the single-machine loader's: same permutation of the training split for (seed, epoch).
        DataLoader loader = new DataLoader(train, LoaderOptions.of(cfg.batchSize()).withSeed(cfg.seed()), new BatchBuffers());
        assertThat(BatchPlan.shuffledOrder(train.size(), Seeds.derive(cfg.seed(), Seeds.SHUFFLE, 1))).containsExactly(loader.order(1));

        Path out = tmp.resolve("pred");
        CliRunner.Result p = CliRunner.run("predict", "--run", run.toString(), "--input",
                data.resolve("0000001.png").toString(), "--out", out.toString());
        assertThat(p.exitCode()).as(p.err()).isZero();
        assertThat(out.resolve("0000001.png-mask.png")).isNotEmptyFile();
    }

    /**
     * One epoch as the Spark trainer takes it, in this process: its batches, one forward per photo with
     * dropout from (seed, DROPOUT, epoch, step, photo), gradients summed, one optimiser step per batch.
     * Returns the mean of the steps' losses.
     */
    private static double referenceEpoch(RunConfig cfg, CtwDataset train, Module model) {
        TrainingStep step = new TrainingStep(model, TrainingRun.buildOptimizer(cfg, model));
        BatchPlan plan = new BatchPlan(train.size(), cfg.batchSize(), cfg.seed(), 1);
        double sum = 0;
        for (int s = 0; s < plan.steps(); s++) {
            step.zeroGradients();
            GradientSum g = GradientSum.ZERO;
            for (int photo : plan.batch(s)) {
                Tensor image = Tensor.zeros(1, 3, SIZE, SIZE);
                Tensor mask = Tensor.zeros(1, 1, SIZE, SIZE);
                Tensor ignore = Tensor.zeros(1, 1, SIZE, SIZE);
                train.fill(photo, image.slice(0), mask.slice(0), ignore.slice(0));
                DropoutSeeds.reseed(model, Seeds.derive(cfg.seed(), Seeds.DROPOUT, 1, s, photo));
                g = g.plus(step.accumulate(image, mask, Tensor.full(1f, 1, 1, SIZE, SIZE).sub(ignore), null));
            }
            step.apply(g.weight());
            sum += g.meanLoss();
        }
        return sum / plan.steps();
    }

    @Test
    void sparkOptionsOutsideTheirUseAreOneLineErrors() {
        CliRunner.Result mode = CliRunner.run("train", "--spark-mode", "average", "--runs", tmp.resolve("r").toString());
        assertThat(mode.exitCode()).isNotZero();
        assertThat(mode.err()).contains("--spark-mode and --average-every apply to --spark only");
        CliRunner.Result unet = CliRunner.run("train", "--spark", "local[2]", "--model", "unet", "--runs",
                tmp.resolve("r").toString());
        assertThat(unet.exitCode()).isNotZero();
        assertThat(unet.err()).contains("--spark trains model1 and model2");
        CliRunner.Result k = CliRunner.run("train", "--spark", "local[2]", "--average-every", "4", "--runs",
                tmp.resolve("r").toString());
        assertThat(k.exitCode()).isNotZero();
        assertThat(k.err()).contains("--average-every must be >= 1, and applies to --spark-mode average only");
        assertThat(tmp.resolve("r")).doesNotExist();
    }

    @Test
    void withoutSparkOnTheClasspathTheErrorSaysHowToAddIt() throws Exception {
        try (URLClassLoader noSpark = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> SparkOptions.requireSpark(noSpark)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--spark needs Apache Spark 4.1").hasMessageContaining("./hanzinet");
        }
        SparkOptions.requireSpark(SparkTrainCliTest.class.getClassLoader()); // the test classpath has it (provided scope)
    }
}

package org.hanzinet.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Seeds;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.optim.Adam;
import org.hanzinet.nn.optim.Optimizer;
import org.hanzinet.nn.train.DropoutSeeds;
import org.hanzinet.nn.train.GradientSum;
import org.hanzinet.nn.train.TrainingStep;

/**
 * Images/s of model 2 trained on one process and on Spark, with the bytes each Spark step moves and
 * Spark's per-step overhead (step time minus the compute on the busiest partition). A measuring tool,
 * not a test: run it through {@code spark/scripts/throughput.sh} on a quiet machine (see its header).
 *
 * <p>Modes: {@code single} (TrainingStep on whole batches, 2 threads; and one forward per photo, 1 thread:
 * the work one Spark task does per photo), {@code local} (local[2]: 1 executor x 2 task threads, 1 kernel
 * thread each), {@code cluster} (local-cluster[2,1,2048]: 2 executor JVMs x 1 core, which needs
 * {@code $SPARK_HOME/jars} and {@code $SPARK_SCALA_VERSION}; the script makes an empty jars folder and
 * the executors get this JVM's classpath).
 */
final class Throughput {
    private Throughput() {}

    public static void main(String[] args) throws Exception {
        int size = intArg(args, "--size", 256);
        int photos = intArg(args, "--photos", 12);
        int batch = intArg(args, "--batch", 4);
        int epochs = intArg(args, "--epochs", 2);
        String modes = stringArg(args, "--modes", "single,local,cluster");
        Path dir = Files.createTempDirectory("hanzinet-throughput-");
        List<PhotoSample> samples = SparkFixture.photos(dir, photos, size);
        if (modes.contains("single")) {
            single(dir, samples, size, batch, epochs);
        }
        double perPhoto = perPhotoSeconds(dir, samples, size, epochs); // the compute a Spark step waits for
        if (modes.contains("local")) {
            spark("local[2]", new SparkConf().setMaster("local[2]"), samples, size, batch, epochs, perPhoto, 2);
        }
        if (modes.contains("cluster")) {
            SparkConf conf = new SparkConf().setMaster("local-cluster[2,1,2048]")
                    .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                    .set("spark.executor.extraJavaOptions", System.getProperty("hanzinet.executor.options", ""));
            spark("local-cluster[2,1,2048]", conf, samples, size, batch, epochs, perPhoto, 2);
        }
    }

    /** (a) One process, whole batches, 2 kernel threads: the single-machine trainer's speed. */
    private static void single(Path dir, List<PhotoSample> samples, int size, int batch, int epochs) {
        Parallel.setThreads(2);
        Module model = TestModels.model2(size, 1);
        TrainingStep step = new TrainingStep(model, adam(model));
        int[] all = new int[samples.size()];
        java.util.Arrays.setAll(all, i -> i);
        Tensor[] data = SparkFixture.localBatch(dir, samples, all, size);
        int images = 0;
        long t0 = 0;
        for (int epoch = 0; epoch <= epochs; epoch++) { // epoch 0 warms up
            if (epoch == 1) {
                t0 = System.nanoTime();
                images = 0;
            }
            for (int from = 0; from < samples.size(); from += batch) {
                int to = Math.min(samples.size(), from + batch);
                step.step(data[0].slice(from, to), data[1].slice(from, to), data[2].slice(from, to));
                images += to - from;
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "single-process batched (2 threads): size %d, batch %d: %.2f images/s, %.3f s/step%n",
                size, batch, images / s, s / (images / (double) batch));
    }

    /** Seconds per photo of one forward + backward on one kernel thread (what a Spark task does per photo). */
    private static double perPhotoSeconds(Path dir, List<PhotoSample> samples, int size, int epochs) {
        Parallel.setThreads(1);
        Module model = TestModels.model2(size, 1);
        TrainingStep step = TrainingStep.gradientsOnly(model);
        int[] all = new int[samples.size()];
        java.util.Arrays.setAll(all, i -> i);
        Tensor[] data = SparkFixture.localBatch(dir, samples, all, size);
        long t0 = 0;
        for (int epoch = 0; epoch <= epochs; epoch++) {
            if (epoch == 1) {
                t0 = System.nanoTime();
            }
            step.zeroGradients();
            GradientSum g = GradientSum.ZERO;
            for (int i = 0; i < samples.size(); i++) {
                DropoutSeeds.reseed(model, Seeds.derive(1, Seeds.DROPOUT, epoch, 0, i));
                g = g.plus(step.accumulate(data[0].slice(i, i + 1), data[1].slice(i, i + 1), data[2].slice(i, i + 1), null));
            }
        }
        double perPhoto = (System.nanoTime() - t0) / 1e9 / (epochs * (double) samples.size());
        System.out.printf(Locale.ROOT, "single-process per photo (1 thread, a Spark task's work): size %d: %.2f images/s, "
                + "%.3f s/photo%n", size, 1 / perPhoto, perPhoto);
        return perPhoto;
    }

    /** (b), (c) SparkTrainer, synchronous, one partition per task slot; the first epoch warms up. */
    private static void spark(String name, SparkConf conf, List<PhotoSample> samples, int size, int batch, int epochs,
                              double perPhoto, int slots) {
        Parallel.setThreads(1);
        conf.setAppName("hanzinet-throughput").set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            spark.setLogLevel("WARN");
            ModelFactory models = () -> TestModels.model2(size, 1);
            OptimizerFactory adam = Throughput::adam;
            long[] marks = new long[epochs + 2];
            EpochCheckpoint timer = new EpochCheckpoint() {
                @Override
                public void save(Module model, Optimizer optimizer, int epoch, List<EpochLoss> history) {
                    marks[epoch] = System.nanoTime();
                }

                @Override
                public OptionalInt load(Module model, Optimizer optimizer) {
                    return OptionalInt.empty();
                }
            };
            SparkTrainingConfig cfg = SparkTrainingConfig.synchronous(epochs + 1, batch, 1, slots, size);
            SparkTrainer trainer = new SparkTrainer(spark, models, adam, cfg);
            trainer.fit(samples, timer);
            double seconds = (marks[epochs + 1] - marks[1]) / 1e9;
            int steps = 0;
            int busiest = 0; // photos on the busiest partition, summed over the measured steps
            for (int epoch = 2; epoch <= epochs + 1; epoch++) {
                BatchPlan plan = new BatchPlan(samples.size(), batch, 1, epoch);
                for (int s = 0; s < plan.steps(); s++) {
                    busiest += busiest(plan.batch(s), samples.size(), slots);
                    steps++;
                }
            }
            long params = trainer.model().parameterCount();
            double step = seconds / steps;
            double compute = perPhoto * busiest / steps;
            System.out.printf(Locale.ROOT, "spark %s (%d partitions): size %d, batch %d: %.2f images/s, %.3f s/step; per step "
                    + "broadcast %,d bytes (to each executor), aggregate %d x %,d bytes (one gradient per partition); "
                    + "compute on the busiest partition %.3f s, Spark overhead %.3f s/step%n", name, slots, size, batch,
                    epochs * samples.size() / seconds, step, 4 * params, slots, 4 * params, compute, step - compute);
        }
    }

    /** Photos of {@code batch} on its busiest partition: parallelize cuts the list into contiguous slices. */
    static int busiest(int[] batch, int photos, int partitions) {
        int[] count = new int[partitions];
        for (int i : batch) {
            for (int p = 0; p < partitions; p++) {
                if (i >= (long) p * photos / partitions && i < (long) (p + 1) * photos / partitions) {
                    count[p]++;
                }
            }
        }
        return java.util.Arrays.stream(count).max().orElse(0);
    }

    private static Optimizer adam(Module m) {
        return new Adam(m.namedParameters(), 1e-3, 0.9, 0.999, 1e-8, 0);
    }

    private static int intArg(String[] args, String name, int dflt) {
        return Integer.parseInt(stringArg(args, name, Integer.toString(dflt)));
    }

    private static String stringArg(String[] args, String name, String dflt) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return dflt;
    }
}

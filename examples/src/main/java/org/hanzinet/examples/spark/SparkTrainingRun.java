package org.hanzinet.examples.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.hanzinet.core.Parallel;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.examples.data.CtwData;
import org.hanzinet.examples.data.SplitData;
import org.hanzinet.examples.report.Json;
import org.hanzinet.examples.report.RunFolder;
import org.hanzinet.examples.train.RunCheckpoint;
import org.hanzinet.examples.train.Trainer;
import org.hanzinet.examples.train.TrainingRun;
import org.hanzinet.spark.PhotoSample;
import org.hanzinet.spark.SparkMasters;
import org.hanzinet.spark.SparkTrainer;
import org.hanzinet.spark.SparkTrainingConfig;
import org.hanzinet.spark.SparkTrainingException;

/**
 * {@code train --spark}: the run of {@code cfg} trained by the spark module's {@link SparkTrainer} instead
 * of the single-machine loop, into the same run folder (config.json, checkpoint.safetensors with the
 * architecture, losses.csv, loss-curve.png; the caller writes report.md). The training split's photos go
 * to the workers as file URIs (every worker must see the data folder at the same path); validation runs
 * on the driver after each epoch. Only this class and the spark package of examples touch Spark types.
 */
public final class SparkTrainingRun {
    private SparkTrainingRun() {}

    /** Trains all of {@code cfg}'s epochs on {@code master}; {@code averageEvery} > 0 selects parameter averaging. */
    public static TrainingRun.Result run(RunConfig cfg, SplitData data, RunFolder folder, String master, int averageEvery,
                                         PrintWriter out) throws IOException {
        Parallel.setThreads(cfg.threads());
        TrainingRun.checkHeap(cfg);
        SparkTrainingConfig sc = config(cfg, averageEvery);
        List<PhotoSample> photos = trainingPhotos(cfg, data);
        ReferenceModelFactory factory = new ReferenceModelFactory(cfg);
        RunCheckpoint store = new RunCheckpoint(folder.checkpoint(), cfg);
        RunEpochCheckpoint checkpoint = new RunEpochCheckpoint(store,
                m -> Trainer.validationLoss(m, data.val(), cfg.batchSize()), cfg.epochs(), out);
        Json.write(folder.config(), cfg);
        JavaSparkContext spark = open(master, cfg.runName());
        long t0 = System.nanoTime();
        try {
            SparkTrainer trainer = new SparkTrainer(spark, factory, factory, sc);
            out.printf(Locale.ROOT, "%s on Spark %s (%s, %d partitions): %,d parameters, %d train / %d validation / %d test "
                            + "images of %d x %d%n", cfg.runName(), master, describe(sc), spark.defaultParallelism(),
                    trainer.model().parameterCount(), data.train().size(), data.val().size(), data.test().size(),
                    cfg.imageSize(), cfg.imageSize());
            out.flush();
            trainer.fit(photos, checkpoint);
            return new TrainingRun.Result(trainer.model(), checkpoint.history(), (System.nanoTime() - t0) / 1e9);
        } catch (SparkTrainingException e) { // already one line naming the step, the cause and the kept checkpoint
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            spark.stop();
            TrainingRun.writeLosses(cfg, folder, store.savedHistory());
        }
    }

    static SparkTrainingConfig config(RunConfig cfg, int averageEvery) {
        return averageEvery > 0
                ? SparkTrainingConfig.averaging(cfg.epochs(), cfg.batchSize(), cfg.seed(), averageEvery, 0, cfg.imageSize())
                : SparkTrainingConfig.synchronous(cfg.epochs(), cfg.batchSize(), cfg.seed(), 0, cfg.imageSize());
    }

    /** The training split as the trainer's sample list: index i is the single-machine dataset's image i. */
    static List<PhotoSample> trainingPhotos(RunConfig cfg, SplitData data) throws IOException {
        List<CtwImage> train = data.train().images();
        Path dir = CtwData.imageDir(CtwData.annotationFile(Path.of(cfg.data())), train.get(0));
        List<PhotoSample> out = new ArrayList<>();
        for (CtwImage a : train) {
            out.add(new PhotoSample(out.size(), dir.resolve(a.fileName()).toUri().toString(), a));
        }
        return out;
    }

    private static JavaSparkContext open(String master, String runName) {
        SparkMasters.requireReachable(master);
        SparkConf conf = new SparkConf().setMaster(master).setAppName("hanzinet train " + runName)
                .set("spark.ui.enabled", "false"); // a CLI run: no web UI on port 4040
        JavaSparkContext spark = new JavaSparkContext(conf);
        spark.setLogLevel("WARN");
        return spark;
    }

    private static String describe(SparkTrainingConfig sc) {
        return sc.mode() == SparkTrainingConfig.Mode.SYNCHRONOUS ? "synchronous"
                : "parameter averaging every " + sc.averagingPeriod() + " steps";
    }
}

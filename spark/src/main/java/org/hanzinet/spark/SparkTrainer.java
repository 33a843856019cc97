package org.hanzinet.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.optim.Optimizer;
import org.hanzinet.nn.train.ParameterVectors;
import org.hanzinet.nn.train.TrainingStep;

/**
 * Data-parallel training on Spark; the driver holds the model and the optimiser.
 *
 * <p>{@link SparkTrainingConfig.Mode#SYNCHRONOUS}: each step the driver broadcasts the weights, every
 * partition adds the gradients of its photos of the global batch, {@code treeAggregate} sums the
 * partitions' gradients (on the executors, in a tree) and the driver divides by the batch's loss weight
 * and steps the optimiser: N workers with batch B train as one machine with batch B, up to float
 * rounding of the sum order. Tree aggregation rather than an all-reduce in a barrier stage: the driver
 * needs the sum anyway (it owns the optimiser and the checkpoints), Spark has no array all-reduce
 * (a barrier stage only offers allGather of strings), and a lost executor costs a re-run of its tasks
 * instead of the whole stage.
 *
 * <p>{@link SparkTrainingConfig.Mode#PARAMETER_AVERAGING}: every k steps the driver broadcasts weights
 * and optimiser state, each partition runs k local steps on its shares of the k batches, and the driver
 * averages the results weighted by the pixels each trained on. k times less communication; the price is
 * that the workers drift apart between averages, so the training equals synchronous training only for
 * plain SGD with k = 1, and larger k usually needs more epochs for the same loss.
 *
 * <p>Every random stream is derived from the seed: the batches from (seed, epoch), dropout from (seed,
 * epoch, step, photo), so a run does not depend on the partitioning and a resumed run repeats an
 * uninterrupted one. After every epoch the driver writes the checkpoint; a failed step (photo missing,
 * worker lost beyond Spark's retries, NaN loss) throws a one-line {@link SparkTrainingException} and the
 * last checkpoint is kept.
 */
public final class SparkTrainer {
    private static final System.Logger LOG = System.getLogger(SparkTrainer.class.getName());
    private final JavaSparkContext spark;
    private final ModelFactory models;
    private final OptimizerFactory optimizers;
    private final SparkTrainingConfig config;
    private final Module model;
    private final Optimizer optimizer;
    private final TrainingStep step;

    public SparkTrainer(JavaSparkContext spark, ModelFactory models, OptimizerFactory optimizers,
                        SparkTrainingConfig config) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.models = Objects.requireNonNull(models, "models");
        this.optimizers = Objects.requireNonNull(optimizers, "optimizers");
        this.config = Objects.requireNonNull(config, "config");
        this.model = models.create();
        this.optimizer = optimizers.create(model);
        this.step = new TrainingStep(model, optimizer);
    }

    /** The driver's model (trained in place). */
    public Module model() {
        return model;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * Trains up to {@code config.epochs()}, resuming after the checkpoint's epoch when there is one;
     * returns the losses of the epochs trained by this call.
     */
    public List<EpochLoss> fit(List<PhotoSample> photos, EpochCheckpoint checkpoint) {
        requireIndexed(photos);
        int start = resume(checkpoint);
        int partitions = config.partitions() > 0 ? config.partitions() : spark.defaultParallelism();
        JavaRDD<PhotoSample> rdd = spark.parallelize(photos, partitions).persist(StorageLevel.MEMORY_ONLY());
        WorkerTask task = new WorkerTask(models, config, SerializableConfiguration.broadcast(spark.sc()));
        List<EpochLoss> history = new ArrayList<>();
        try {
            for (int epoch = start + 1; epoch <= config.epochs(); epoch++) {
                EpochLoss e = epoch(rdd, task, photos.size(), epoch);
                history.add(e);
                LOG.log(System.Logger.Level.INFO, String.format(Locale.ROOT, "epoch %d/%d: mean loss %.6f, last step %.6f", epoch,
                        config.epochs(), e.meanLoss(), e.lastLoss()));
                save(checkpoint, epoch, history);
            }
        } finally {
            rdd.unpersist(false);
        }
        return history;
    }

    private EpochLoss epoch(JavaRDD<PhotoSample> rdd, WorkerTask task, int photos, int epoch) {
        BatchPlan plan = new BatchPlan(photos, config.batchSize(), config.seed(), epoch);
        int k = config.averagingPeriod();
        double sum = 0;
        double last = Double.NaN;
        int rounds = 0;
        for (int s = 0; s < plan.steps(); s += k) {
            int first = s;
            last = config.mode() == SparkTrainingConfig.Mode.SYNCHRONOUS
                    ? guarded(epoch, s, () -> synchronousStep(rdd, task, plan.batch(first), epoch, first))
                    : guarded(epoch, s, () -> averagingRound(rdd, task, plan, epoch, first));
            if (!Double.isFinite(last)) {
                throw new SparkTrainingException(String.format(Locale.ROOT,
                        "epoch %d step %d: the loss is %s (training diverged): lower the learning rate; %s",
                        epoch, s + 1, last, kept(epoch)), null);
            }
            sum += last;
            rounds++;
        }
        return new EpochLoss(epoch, sum / rounds, last);
    }

    /** One synchronous step on {@code batch}; returns its mean loss. */
    private double synchronousStep(JavaRDD<PhotoSample> rdd, WorkerTask task, int[] batch, int epoch, int s) {
        Broadcast<float[]> weights = spark.broadcast(ParameterVectors.values(model));
        try {
            GradientShare total = rdd.mapPartitions(new ShareGradients(task, weights, batch, epoch, s))
                    .treeAggregate(GradientShare.EMPTY, GradientShare::plus, GradientShare::plus);
            if (total.gradients() == null || !Double.isFinite(total.sum().lossSum())) {
                return total.sum().lossSum();
            }
            ParameterVectors.loadGradients(model, total.gradients());
            step.apply(total.sum().weight());
            return total.sum().meanLoss();
        } finally {
            weights.destroy();
        }
    }

    /** One averaging round of up to k steps from {@code first}; returns its mean loss. */
    private double averagingRound(JavaRDD<PhotoSample> rdd, WorkerTask task, BatchPlan plan, int epoch, int first) {
        int n = Math.min(config.averagingPeriod(), plan.steps() - first);
        int[][] batches = new int[n][];
        for (int i = 0; i < n; i++) {
            batches[i] = plan.batch(first + i);
        }
        Broadcast<float[]> weights = spark.broadcast(ParameterVectors.values(model));
        Broadcast<OptimizerState> state = spark.broadcast(OptimizerState.of(optimizer));
        try {
            AveragingShare total = rdd.mapPartitions(new LocalRounds(task, optimizers, weights, state, batches, epoch, first))
                    .treeAggregate(AveragingShare.EMPTY, AveragingShare::plus, AveragingShare::plus);
            if (total.weightedValues() == null || !Double.isFinite(total.sum().lossSum())) {
                return total.sum().lossSum();
            }
            float inv = (float) (1.0 / total.sum().weight());
            ParameterVectors.loadValues(model, ParameterVectors.scale(total.weightedValues(), inv));
            OptimizerState averaged = total.weightedState().scaled(inv);
            averaged.values().computeIfPresent("step", (name, v) -> new float[] {Math.round(v[0])});
            averaged.loadInto(optimizer);
            return total.sum().meanLoss();
        } finally {
            weights.destroy();
            state.destroy();
        }
    }

    /** Runs a Spark job, turning its failure into one line that names the cause and the kept checkpoint. */
    private double guarded(int epoch, int s, Supplier<Double> job) {
        try {
            return job.get();
        } catch (Exception e) { // SparkException is checked in Java but thrown undeclared from Scala
            if (e instanceof SparkTrainingException t) {
                throw t;
            }
            throw new SparkTrainingException(String.format(Locale.ROOT, "epoch %d step %d: %s; %s", epoch, s + 1,
                    SparkFailures.cause(e), kept(epoch)), e);
        }
    }

    private static String kept(int epoch) {
        return epoch == 1 ? "no checkpoint was written (the first epoch had not finished)"
                : "the checkpoint of epoch " + (epoch - 1) + " is kept";
    }

    private int resume(EpochCheckpoint checkpoint) {
        try {
            OptionalInt e = checkpoint.load(model, optimizer);
            return e.orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the checkpoint to resume from: " + e.getMessage(), e);
        }
    }

    private void save(EpochCheckpoint checkpoint, int epoch, List<EpochLoss> history) {
        try {
            checkpoint.save(model, optimizer, epoch, history);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the checkpoint after epoch " + epoch, e);
        }
    }

    private static void requireIndexed(List<PhotoSample> photos) {
        if (photos.isEmpty()) {
            throw new IllegalArgumentException("spark training needs at least one photo, got an empty list");
        }
        for (int i = 0; i < photos.size(); i++) {
            if (photos.get(i).index() != i) {
                throw new IllegalArgumentException("photo " + photos.get(i).uri() + " at list position " + i
                        + " has index " + photos.get(i).index() + ": indices must be 0..n-1 in list order");
            }
        }
    }
}

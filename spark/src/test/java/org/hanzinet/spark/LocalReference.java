package org.hanzinet.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hanzinet.core.Seeds;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.optim.Optimizer;
import org.hanzinet.nn.train.DropoutSeeds;
import org.hanzinet.nn.train.GradientSum;
import org.hanzinet.nn.train.TrainingStep;

/**
 * The single-process run the Spark trainer must equal: the same batches, every photo prepared by
 * CtwDataset, dropout from (seed, epoch, step, photo), one TrainingStep on the driver-side model.
 */
final class LocalReference {
    final Module model;
    final TrainingStep step;

    LocalReference(ModelFactory models, OptimizerFactory optimizers) {
        model = models.create();
        Optimizer optimizer = optimizers.create(model);
        step = new TrainingStep(model, optimizer);
    }

    /** Trains {@code config.epochs()} epochs; returns the epochs' mean losses. */
    List<Double> fit(Path dir, List<PhotoSample> photos, SparkTrainingConfig config) {
        List<Double> losses = new ArrayList<>();
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            BatchPlan plan = new BatchPlan(photos.size(), config.batchSize(), config.seed(), epoch);
            double sum = 0;
            for (int s = 0; s < plan.steps(); s++) {
                sum += step(dir, photos, plan.batch(s), config, epoch, s);
            }
            losses.add(sum / plan.steps());
        }
        return losses;
    }

    double step(Path dir, List<PhotoSample> photos, int[] batch, SparkTrainingConfig config, int epoch, int s) {
        Tensor[] t = SparkFixture.localBatch(dir, photos, batch, config.imageWidth());
        step.zeroGradients();
        GradientSum sum = GradientSum.ZERO;
        for (int i = 0; i < batch.length; i++) {
            DropoutSeeds.reseed(model, Seeds.derive(config.seed(), Seeds.DROPOUT, epoch, s, batch[i]));
            sum = sum.plus(step.accumulate(t[0].slice(i, i + 1), t[1].slice(i, i + 1), t[2].slice(i, i + 1), null));
        }
        step.apply(sum.weight());
        return sum.meanLoss();
    }
}

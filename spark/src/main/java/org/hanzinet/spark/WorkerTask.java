package org.hanzinet.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.hanzinet.core.Seeds;
import org.hanzinet.core.Tensor;
import org.hanzinet.data.dataset.DatasetOptions;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.train.DropoutSeeds;
import org.hanzinet.nn.train.GradientSum;
import org.hanzinet.nn.train.TrainingStep;

/**
 * What every worker task shares: the run's model factory and configuration, the job's Hadoop
 * configuration, and the per-sample gradient that both training modes are built from.
 */
final class WorkerTask implements Serializable {
    private static final long serialVersionUID = 1L;
    final ModelFactory models;
    final SparkTrainingConfig config;
    final Broadcast<SerializableConfiguration> hadoop;

    WorkerTask(ModelFactory models, SparkTrainingConfig config, Broadcast<SerializableConfiguration> hadoop) {
        this.models = models;
        this.config = config;
        this.hadoop = hadoop;
    }

    DatasetOptions datasetOptions() {
        DatasetOptions d = DatasetOptions.defaults();
        return config.imageWidth() == 0 ? d : d.withSize(config.imageWidth(), config.imageHeight());
    }

    /** The photos of this partition that belong to {@code batch} (sorted indices), in index order. */
    static List<PhotoSample> share(List<PhotoSample> partition, int[] batch) {
        List<PhotoSample> out = new ArrayList<>();
        for (PhotoSample s : partition) {
            if (Arrays.binarySearch(batch, s.index()) >= 0) {
                out.add(s);
            }
        }
        out.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return out;
    }

    static List<PhotoSample> drain(Iterator<PhotoSample> it) {
        List<PhotoSample> all = new ArrayList<>();
        it.forEachRemaining(all::add);
        return all;
    }

    /**
     * Adds the gradient of photo {@code s}'s summed loss: each photo is its own forward with dropout
     * drawn from (seed, epoch, step, photo index), so the masks, and the sum, do not depend on which
     * worker holds the photo.
     */
    GradientSum accumulate(TrainingStep step, PhotoSample s, int epoch, int stepIndex) {
        Tensor[] t = PhotoReader.read(s, datasetOptions(), hadoop.value().value());
        DropoutSeeds.reseed(step.model(), Seeds.derive(config.seed(), Seeds.DROPOUT, epoch, stepIndex, s.index()));
        return step.accumulate(t[0], t[1], t[2], null);
    }

    Module freshModel() {
        Module m = models.create();
        m.train();
        return m;
    }
}

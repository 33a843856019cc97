package org.hanzinet.spark;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.train.GradientSum;
import org.hanzinet.nn.train.ParameterVectors;
import org.hanzinet.nn.train.TrainingStep;

/**
 * A synchronous step on one partition: load the broadcast weights, add the gradients of this
 * partition's photos of the batch, emit one {@link GradientShare} (nothing when it holds none of them).
 */
final class ShareGradients implements FlatMapFunction<Iterator<PhotoSample>, GradientShare> {
    private static final long serialVersionUID = 1L;
    private final WorkerTask task;
    private final Broadcast<float[]> weights;
    private final int[] batch;
    private final int epoch;
    private final int step;

    ShareGradients(WorkerTask task, Broadcast<float[]> weights, int[] batch, int epoch, int step) {
        this.task = task;
        this.weights = weights;
        this.batch = batch;
        this.epoch = epoch;
        this.step = step;
    }

    @Override
    public Iterator<GradientShare> call(Iterator<PhotoSample> partition) {
        List<PhotoSample> mine = WorkerTask.share(WorkerTask.drain(partition), batch);
        if (mine.isEmpty()) {
            return List.<GradientShare>of().iterator();
        }
        Module model = task.freshModel();
        ParameterVectors.loadValues(model, weights.value());
        TrainingStep ts = TrainingStep.gradientsOnly(model);
        ts.zeroGradients();
        GradientSum sum = GradientSum.ZERO;
        for (PhotoSample s : mine) {
            sum = sum.plus(task.accumulate(ts, s, epoch, step));
        }
        return List.of(new GradientShare(ParameterVectors.gradients(model), sum)).iterator();
    }
}

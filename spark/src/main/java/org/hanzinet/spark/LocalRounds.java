package org.hanzinet.spark;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.optim.Optimizer;
import org.hanzinet.nn.train.GradientSum;
import org.hanzinet.nn.train.ParameterVectors;
import org.hanzinet.nn.train.TrainingStep;

/**
 * Parameter averaging on one partition: start from the broadcast weights and optimiser state, run one
 * local step per global step of the round on this partition's share of that batch (mean loss over the
 * share), emit the result weighted by the loss weight trained on.
 */
final class LocalRounds implements FlatMapFunction<Iterator<PhotoSample>, AveragingShare> {
    private static final long serialVersionUID = 1L;
    private final WorkerTask task;
    private final OptimizerFactory optimizers;
    private final Broadcast<float[]> weights;
    private final Broadcast<OptimizerState> state;
    private final int[][] batches;
    private final int epoch;
    private final int firstStep;

    LocalRounds(WorkerTask task, OptimizerFactory optimizers, Broadcast<float[]> weights, Broadcast<OptimizerState> state,
                int[][] batches, int epoch, int firstStep) {
        this.task = task;
        this.optimizers = optimizers;
        this.weights = weights;
        this.state = state;
        this.batches = batches;
        this.epoch = epoch;
        this.firstStep = firstStep;
    }

    @Override
    public Iterator<AveragingShare> call(Iterator<PhotoSample> partition) {
        List<PhotoSample> all = WorkerTask.drain(partition);
        Module model = task.freshModel();
        ParameterVectors.loadValues(model, weights.value());
        Optimizer optimizer = optimizers.create(model);
        state.value().loadInto(optimizer);
        TrainingStep ts = new TrainingStep(model, optimizer);
        GradientSum total = GradientSum.ZERO;
        for (int i = 0; i < batches.length; i++) {
            List<PhotoSample> mine = WorkerTask.share(all, batches[i]);
            if (mine.isEmpty()) {
                continue;
            }
            ts.zeroGradients();
            GradientSum local = GradientSum.ZERO;
            for (PhotoSample s : mine) {
                local = local.plus(task.accumulate(ts, s, epoch, firstStep + i));
            }
            if (!Double.isFinite(local.lossSum())) {
                return List.of(new AveragingShare(null, null, total.plus(local))).iterator();
            }
            ts.apply(local.weight());
            total = total.plus(local);
        }
        if (total.weight() == 0) {
            return List.<AveragingShare>of().iterator();
        }
        float w = (float) total.weight();
        return List.of(new AveragingShare(ParameterVectors.scale(ParameterVectors.values(model), w),
                OptimizerState.of(optimizer).scaled(w), total)).iterator();
    }
}

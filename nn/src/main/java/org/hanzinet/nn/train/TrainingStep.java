package org.hanzinet.nn.train;

import java.util.Objects;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Parameter;
import org.hanzinet.nn.loss.BCELoss;
import org.hanzinet.nn.loss.Loss;
import org.hanzinet.nn.loss.Reduction;
import org.hanzinet.nn.optim.Optimizer;

/**
 * One training step of a segmentation model that outputs probabilities {@code [N, 1, H, W]}: forward,
 * binary cross-entropy over the non-ignored pixels, backward, optimiser step. Shared by the CLI's
 * trainer, the Spark trainer and library users.
 *
 * <p>Data parallelism needs the step cut in two: {@link #accumulate} adds the gradient of the
 * <em>summed</em> loss of some samples (a worker's share of the batch) into the parameters' gradients
 * and returns the summed loss weight; once the shares are added up, {@link #apply} divides by the
 * total weight and steps the optimiser. Shares summed over any partition of a batch give the gradient of
 * the batch's mean loss, as {@link #step} computes it in one go (up to float rounding of the sum order).
 *
 * <p>The step never uses dLoss/dImage, so it tells the model so ({@code requireInputGradient(false)}):
 * the first convolution then skips its input-gradient pass, a whole convolution per step.
 *
 * <p>Batches: {@code images [N, 3, H, W]}, {@code masks [N, 1, H, W]} (0/1), {@code weights [N, 1, H, W]}
 * (1 = counted, 0 = ignored pixel).
 */
public final class TrainingStep {
    private final Module model;
    private final Optimizer optimizer;
    private final Loss meanLoss;
    private final Loss sumLoss;

    /** Binary cross-entropy on probabilities ({@link BCELoss}), mean over the non-ignored pixels. */
    public TrainingStep(Module model, Optimizer optimizer) {
        this(model, optimizer, new BCELoss(new BCELoss.Config(Reduction.MEAN_OVER_NONZERO_WEIGHT)),
                new BCELoss(new BCELoss.Config(Reduction.SUM)));
    }

    /**
     * Any loss given twice: reduced as the mean over the non-ignored pixels (for {@link #step}) and as the
     * plain sum (for {@link #accumulate}). The split step is exact only for losses that are sums of
     * per-element terms (BCE, BCE with logits); a batch-level loss such as soft Dice does not decompose
     * into per-worker sums.
     */
    public TrainingStep(Module model, Optimizer optimizer, Loss meanLoss, Loss sumLoss) {
        this.model = Objects.requireNonNull(model, "model").requireInputGradient(false);
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.meanLoss = Objects.requireNonNull(meanLoss, "meanLoss");
        this.sumLoss = Objects.requireNonNull(sumLoss, "sumLoss");
    }

    private TrainingStep(Module model) {
        this.model = Objects.requireNonNull(model, "model").requireInputGradient(false);
        this.optimizer = null;
        this.meanLoss = null;
        this.sumLoss = new BCELoss(new BCELoss.Config(Reduction.SUM));
    }

    /** A step that only computes gradients ({@link #accumulate}): a data-parallel worker's; step and apply refuse. */
    public static TrainingStep gradientsOnly(Module model) {
        return new TrainingStep(model);
    }

    public Module model() {
        return model;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * Zeroes the gradients, then forward, mean loss over non-ignored pixels, backward and one optimiser
     * step. Returns the batch loss; when it is not finite (or the model produced a NaN/infinite
     * probability) nothing is updated and that value is returned for the caller to report.
     */
    public float step(Tensor images, Tensor masks, Tensor weights) {
        return step(images, masks, weights, null);
    }

    /**
     * As {@link #step(Tensor, Tensor, Tensor)}, adding the batch's outputs to {@code metrics} (may be null);
     * the metrics threshold probabilities, so pass null when the model outputs logits.
     */
    public float step(Tensor images, Tensor masks, Tensor weights, PixelMetrics metrics) {
        requireOptimizer("step");
        optimizer.zeroGrad();
        Tensor probs = model.forward(images);
        float l = firstNonFinite(probs);
        if (Float.isFinite(l)) {
            l = meanLoss.forward(probs, masks, weights);
        }
        if (!Float.isFinite(l)) {
            return l;
        }
        addMetrics(metrics, probs, masks, weights);
        model.backward(meanLoss.backward());
        optimizer.step();
        return l;
    }

    /**
     * Forward and backward of the summed loss of these samples; the gradients are <em>added</em> to the
     * parameters' gradients (call {@link #zeroGradients()} before a new batch). Returns the summed loss and
     * weight; a NaN/infinite probability gives a NaN loss sum and adds no gradient.
     */
    public GradientSum accumulate(Tensor images, Tensor masks, Tensor weights, PixelMetrics metrics) {
        Tensor probs = model.forward(images);
        double w = weights.sum();
        if (!Float.isFinite(firstNonFinite(probs))) {
            return new GradientSum(Double.NaN, w, images.size(0));
        }
        float l = sumLoss.forward(probs, masks, weights);
        if (Float.isFinite(l)) {
            addMetrics(metrics, probs, masks, weights);
            model.backward(sumLoss.backward());
        }
        return new GradientSum(l, w, images.size(0));
    }

    /**
     * Divides the accumulated (summed) gradients by {@code totalWeight}, the summed weight of the whole
     * batch, so they become the gradient of its mean loss; steps the optimiser; zeroes the gradients.
     */
    public void apply(double totalWeight) {
        requireOptimizer("apply");
        if (totalWeight > 0) {
            float inv = (float) (1.0 / totalWeight);
            for (Parameter p : model.parameters()) {
                p.grad().scale(inv);
            }
        }
        optimizer.step();
        model.zeroGrad();
    }

    public void zeroGradients() {
        model.zeroGrad();
    }

    private void requireOptimizer(String op) {
        if (optimizer == null) {
            throw new IllegalStateException("TrainingStep." + op + ": this step computes gradients only (no optimiser)");
        }
    }

    private static void addMetrics(PixelMetrics metrics, Tensor probs, Tensor masks, Tensor weights) {
        if (metrics != null) {
            metrics.add(probs, masks, Tensor.full(1f, weights.shape()).sub(weights));
        }
    }

    /** The first NaN/infinite value of {@code t}, or 0 when all are finite (BCELoss refuses NaN inputs). */
    static float firstNonFinite(Tensor t) {
        float[] d = t.data();
        for (int i = t.offset(), end = t.offset() + t.numel(); i < end; i++) {
            if (!Float.isFinite(d[i])) {
                return d[i];
            }
        }
        return 0f;
    }
}

package org.hanzinet.examples.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;
import org.hanzinet.examples.model.Head;

/**
 * Everything that determines a training run, fully resolved (defaults applied, overrides merged). Written
 * to {@code config.json} in the run folder and stored in the checkpoint, so a run can be resumed or
 * repeated from its folder alone.
 *
 * <p>{@code model}, {@code head} and {@code optimizer} are written as their command-line names
 * ({@code "model1"}, {@code "1d"}, {@code "sgd"}), as when they were strings, so older {@code config.json}
 * files still load.
 *
 * @param data          folder with a CTW {@code .jsonl} file and its images
 * @param images        first N images of the annotation file (0 = all)
 * @param trainFraction fraction of the N images used for training, in file order (the seed: 0.7)
 * @param valFraction   fraction used for validation right after them (the seed: 0.1); the rest is test
 * @param threads       worker threads; bitwise reproducibility holds for the same count
 *
 * <p>Serializable so that {@code train --spark} can ship it to the workers, which build the model from it.
 */
public record RunConfig(
        ModelKind model, Head head, String profile, String data, int imageSize, int images,
        int epochs, int batchSize, OptimizerKind optimizer, double lr, double momentum,
        double beta1, double beta2, double eps, double weightDecay,
        double trainFraction, double valFraction, long seed, int threads) implements java.io.Serializable {

    public RunConfig {
        Objects.requireNonNull(model, "config: model is missing (model1 or model2)");
        Objects.requireNonNull(head, "config: head is missing (1d or 2d)");
        Objects.requireNonNull(optimizer, "config: optimizer is missing (sgd or adam)");
        if (imageSize < 16) {
            throw new IllegalArgumentException("--image-size must be >= 16, got " + imageSize);
        }
        requirePositive("--epochs", epochs);
        requirePositive("--batch-size", batchSize);
        requirePositive("--threads", threads);
        ImageSizeLimit.check(model, imageSize, batchSize);
        if (images < 0) {
            throw new IllegalArgumentException("--images must be >= 0 (0 = all), got " + images);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("--lr must be a positive number, got " + lr);
        }
        if (!(trainFraction > 0) || valFraction < 0 || trainFraction + valFraction >= 1) {
            throw new IllegalArgumentException("split fractions need train > 0, val >= 0 and train + val < 1, got "
                    + trainFraction + " / " + valFraction);
        }
    }

    private static void requirePositive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        }
    }

    /** Short run name: {@code model1-1d}. */
    @JsonIgnore
    public String runName() {
        return model.cliName() + "-" + head.cliName();
    }

    public RunConfig withData(String newData) {
        return new RunConfig(model, head, profile, newData, imageSize, images, epochs, batchSize, optimizer, lr,
                momentum, beta1, beta2, eps, weightDecay, trainFraction, valFraction, seed, threads);
    }

    public RunConfig withModel(ModelKind m, Head h) {
        return new RunConfig(m, h, profile, data, imageSize, images, epochs, batchSize, optimizer,
                lr, momentum, beta1, beta2, eps, weightDecay, trainFraction, valFraction, seed, threads);
    }
}

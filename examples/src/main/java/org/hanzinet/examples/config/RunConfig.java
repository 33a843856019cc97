package org.hanzinet.examples.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.hanzinet.examples.model.Head;

/**
 * Everything that determines a training run, fully resolved (defaults applied, overrides merged). Written
 * to {@code config.json} in the run folder and stored in the checkpoint, so a run can be resumed or
 * repeated from its folder alone.
 *
 * @param data          folder with a CTW {@code .jsonl} file and its images
 * @param images        first N images of the annotation file (0 = all)
 * @param trainFraction fraction of the N images used for training, in file order (the seed: 0.7)
 * @param valFraction   fraction used for validation right after them (the seed: 0.1); the rest is test
 * @param threads       worker threads; bitwise reproducibility holds for the same count
 */
public record RunConfig(
        String model, String head, String profile, String data, int imageSize, int images,
        int epochs, int batchSize, String optimizer, double lr, double momentum,
        double beta1, double beta2, double eps, double weightDecay,
        double trainFraction, double valFraction, long seed, int threads) {

    public RunConfig {
        ModelKind.parse(model);
        Head.parse(head);
        if (imageSize < 16) {
            throw new IllegalArgumentException("--image-size must be >= 16, got " + imageSize);
        }
        requirePositive("--epochs", epochs);
        requirePositive("--batch-size", batchSize);
        requirePositive("--threads", threads);
        ImageSizeLimit.check(ModelKind.parse(model), imageSize, batchSize);
        if (images < 0) {
            throw new IllegalArgumentException("--images must be >= 0 (0 = all), got " + images);
        }
        if (!optimizer.equals("sgd") && !optimizer.equals("adam")) {
            throw new IllegalArgumentException("--optimizer must be sgd or adam, got '" + optimizer + "'");
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

    @JsonIgnore
    public ModelKind modelKind() {
        return ModelKind.parse(model);
    }

    @JsonIgnore
    public Head headKind() {
        return Head.parse(head);
    }

    /** Short run name: {@code model1-1d}. */
    @JsonIgnore
    public String runName() {
        return modelKind().cliName() + "-" + headKind().cliName();
    }

    public RunConfig withData(String newData) {
        return new RunConfig(model, head, profile, newData, imageSize, images, epochs, batchSize, optimizer, lr,
                momentum, beta1, beta2, eps, weightDecay, trainFraction, valFraction, seed, threads);
    }

    public RunConfig withModel(ModelKind m, Head h) {
        return new RunConfig(m.cliName(), h.cliName(), profile, data, imageSize, images, epochs, batchSize, optimizer,
                lr, momentum, beta1, beta2, eps, weightDecay, trainFraction, valFraction, seed, threads);
    }
}

package org.hanzinet.examples.cli;

import org.hanzinet.examples.config.ModelKind;
import org.hanzinet.examples.config.OptimizerKind;
import org.hanzinet.examples.config.Profile;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.examples.model.Head;
import picocli.CommandLine.Option;

/**
 * Every hyper-parameter, each optional: what is not given comes from the model's reference setting and
 * the profile. {@link #resolve} merges them into a {@link RunConfig}.
 */
public final class TrainingOptions {
    @Option(names = "--profile", defaultValue = "default",
            description = "default (sized for ~10 minutes of reproduce on 2 cores) or seed (2048 x 2048, 51 images)."
                    + " Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--image-size", description = "Side of the square input in pixels (the Linear in_features "
            + "follow). Default: 256 (seed profile: 2048).")
    Integer imageSize;

    @Option(names = "--images", description = "Use the first N images of the annotation file (0 = all). "
            + "Default: 51 (the seed's count, both profiles).")
    Integer images;

    @Option(names = "--epochs", description = "Default: model 1: 10, model 2: 5.")
    Integer epochs;

    @Option(names = "--batch-size", description = "Default: model 1: 5, model 2: 3.")
    Integer batchSize;

    @Option(names = "--optimizer", description = "sgd or adam. Default: model 1: sgd, model 2: adam.")
    String optimizer;

    @Option(names = "--lr", description = "Learning rate. Default: model 1: 0.005, model 2: 0.001.")
    Double lr;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum. Default: ${DEFAULT-VALUE}.")
    double momentum;

    @Option(names = "--beta1", defaultValue = "0.9", description = "Adam beta1. Default: ${DEFAULT-VALUE}.")
    double beta1;

    @Option(names = "--beta2", defaultValue = "0.999", description = "Adam beta2. Default: ${DEFAULT-VALUE}.")
    double beta2;

    @Option(names = "--eps", defaultValue = "1e-8", description = "Adam epsilon. Default: ${DEFAULT-VALUE}.")
    double eps;

    @Option(names = "--weight-decay", defaultValue = "0", description = "Default: ${DEFAULT-VALUE}.")
    double weightDecay;

    @Option(names = "--train-fraction", defaultValue = "0.7",
            description = "Training share of the images, in file order. Default: ${DEFAULT-VALUE}.")
    double trainFraction;

    @Option(names = "--val-fraction", defaultValue = "0.1",
            description = "Validation share after the training images; the rest is test. Default: ${DEFAULT-VALUE}.")
    double valFraction;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of every random stream. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", description = "Worker threads. Default: all processors.")
    Integer threads;

    /** Resolves the configuration for {@code model} with {@code head} reading data from {@code data}. */
    public RunConfig resolve(ModelKind model, Head head, String data) {
        Profile p = Profile.parse(profile);
        OptimizerKind opt = optimizer != null ? OptimizerKind.parse(optimizer) : model.defaultOptimizer();
        return new RunConfig(model, head, p.cliName(), data,
                imageSize != null ? imageSize : p.imageSize(), images != null ? images : p.images(),
                epochs != null ? epochs : model.defaultEpochs(), batchSize != null ? batchSize : model.defaultBatchSize(),
                opt, lr != null ? lr : (opt == model.defaultOptimizer() ? model.defaultLr() : opt.defaultLr()),
                momentum, beta1, beta2, eps, weightDecay, trainFraction, valFraction, seed,
                threads != null ? threads : Runtime.getRuntime().availableProcessors());
    }
}

package org.hanzinet.examples.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.hanzinet.core.Rng;
import org.hanzinet.examples.model.Head;
import org.hanzinet.examples.model.ReferenceModels;
import org.hanzinet.nn.Module;

/**
 * The two reference models and the hyper-parameters the seed trained them with. Written to
 * {@code config.json} as the command-line name ({@code "model1"}, {@code "model2"}).
 */
public enum ModelKind {
    /** SGD lr 0.005 momentum 0.9, batch 5, 10 epochs. */
    MODEL1("model1", OptimizerKind.SGD, 0.005, 5, 10),
    /** Adam lr 0.001, batch 3, 5 epochs. */
    MODEL2("model2", OptimizerKind.ADAM, 0.001, 3, 5);

    private final String cliName;
    private final OptimizerKind optimizer;
    private final double lr;
    private final int batchSize;
    private final int epochs;

    ModelKind(String cliName, OptimizerKind optimizer, double lr, int batchSize, int epochs) {
        this.cliName = cliName;
        this.optimizer = optimizer;
        this.lr = lr;
        this.batchSize = batchSize;
        this.epochs = epochs;
    }

    /** {@code model1} or {@code model2}: the command-line and {@code config.json} spelling. */
    @JsonValue
    public String cliName() {
        return cliName;
    }

    public OptimizerKind defaultOptimizer() {
        return optimizer;
    }

    public double defaultLr() {
        return lr;
    }

    public int defaultBatchSize() {
        return batchSize;
    }

    public int defaultEpochs() {
        return epochs;
    }

    /** Builds the network for a square image of side {@code imageSize}. */
    public Module build(int imageSize, Head head, Rng rng) {
        return this == MODEL1 ? ReferenceModels.model1(imageSize, head, rng) : ReferenceModels.model2(imageSize, head, rng);
    }

    /**
     * Parses {@code model1}/{@code model2} (any case, also {@code 1}/{@code 2}); anything else, the empty
     * string included, is refused with the accepted values.
     */
    @JsonCreator
    public static ModelKind parse(String s) {
        for (ModelKind m : values()) {
            String number = m.cliName.substring("model".length());
            if (m.cliName.equalsIgnoreCase(s) || m.name().equalsIgnoreCase(s) || number.equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown model '" + s + "': expected model1 or model2 (or 1, 2)");
    }
}

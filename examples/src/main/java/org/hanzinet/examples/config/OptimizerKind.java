package org.hanzinet.examples.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The optimisers a run can train with, and the learning rate each takes when only the optimiser is
 * overridden (the seed's: SGD 0.005 as model 1, Adam 0.001 as model 2). Written to {@code config.json}
 * as its command-line name ({@code "sgd"}, {@code "adam"}).
 */
public enum OptimizerKind {
    SGD("sgd", 0.005),
    ADAM("adam", 0.001);

    private final String cliName;
    private final double defaultLr;

    OptimizerKind(String cliName, double defaultLr) {
        this.cliName = cliName;
        this.defaultLr = defaultLr;
    }

    /** {@code sgd} or {@code adam}: the command-line and {@code config.json} spelling. */
    @JsonValue
    public String cliName() {
        return cliName;
    }

    public double defaultLr() {
        return defaultLr;
    }

    /** Parses {@code sgd}/{@code adam} (any case), naming the bad value and the accepted ones otherwise. */
    @JsonCreator
    public static OptimizerKind parse(String s) {
        for (OptimizerKind o : values()) {
            if (o.cliName.equalsIgnoreCase(s)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + s + "': expected "
                + Arrays.stream(values()).map(OptimizerKind::cliName).collect(Collectors.joining(" or ")));
    }
}

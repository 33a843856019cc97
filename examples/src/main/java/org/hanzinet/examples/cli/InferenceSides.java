package org.hanzinet.examples.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** {@code --sides} of {@code predict} and {@code evaluate --all}: the sizes a U-Net predicts photos at. */
public final class InferenceSides {
    @Option(names = "--sides", split = ",", paramLabel = "PX", description = "U-Net only: long sides to predict at, "
            + "merged by maximum (0 = the photo's own size). Default: the model's own (the shipped model: 768).")
    List<Integer> sides;
}

package org.hanzinet.examples.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code train --model unet} that the reference models do not have. */
public final class UNetOptions {
    @Option(names = "--widths", split = ",", paramLabel = "W", description = "U-Net only: channels per level, full "
            + "resolution first, the last is the bottleneck. Default: 16,32,64,128,256.")
    List<Integer> widths;

    @Option(names = "--scene-size", defaultValue = "512", description = "U-Net only: side of the synthetic training "
            + "scenes. Default: ${DEFAULT-VALUE}.")
    int sceneSize;

    @Option(names = "--scenes", defaultValue = "1500", description = "U-Net only: training scenes (one augmented crop "
            + "of each per epoch). Default: ${DEFAULT-VALUE}.")
    int scenes;

    @Option(names = "--val-scenes", defaultValue = "50", description = "U-Net only: validation scenes, scored whole "
            + "after every epoch. Default: ${DEFAULT-VALUE}.")
    int valScenes;

    @Option(names = "--test-scenes", defaultValue = "100", description = "U-Net only: test scenes, scored after "
            + "training. Default: ${DEFAULT-VALUE}.")
    int testScenes;

    @Option(names = "--data-seed", defaultValue = "20240601", description = "U-Net only: seed of the scene "
            + "generator. Default: ${DEFAULT-VALUE}.")
    long dataSeed;

    @Option(names = "--crop", defaultValue = "256", description = "U-Net only: side of the training crops. "
            + "Default: ${DEFAULT-VALUE}.")
    int crop;

    @Option(names = "--pos-weight", defaultValue = "3", description = "U-Net only: BCE weight of character pixels. "
            + "Default: ${DEFAULT-VALUE}.")
    double posWeight;

    @Option(names = "--dice-weight", defaultValue = "1", description = "U-Net only: weight of the soft Dice term. "
            + "Default: ${DEFAULT-VALUE}.")
    double diceWeight;

    @Option(names = "--sides", split = ",", paramLabel = "PX", description = "U-Net only: long sides photos are "
            + "predicted at, merged by maximum (0 = the photo's own size). Default: the scene size.")
    List<Integer> sides;
}

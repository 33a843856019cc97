package org.hanzinet.examples.unet;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Objects;

/**
 * Everything that determines a U-Net training run, fully resolved; written to {@code config.json} of the
 * run folder and into the checkpoint, so the run can be resumed, and its model rebuilt and run on photos,
 * from the folder alone.
 *
 * @param model          always {@code "unet"} (tells a U-Net run folder from a reference-model one)
 * @param widths         channels per level, full resolution first; the last is the bottleneck
 * @param sceneSize      side of the generated synthetic scenes (characters are drawn relative to it)
 * @param scenes         training scenes; one augmented crop of each per epoch
 * @param valScenes      validation scenes (scored whole, every epoch)
 * @param testScenes     test scenes (scored whole after training)
 * @param dataSeed       the generator's seed (independent of {@code seed}: changing one keeps the other)
 * @param crop           side of the training crops (a multiple of the U-Net's stride)
 * @param batchSize      crops per optimiser step
 * @param epochs         passes over the training scenes
 * @param lr             AdamW's peak learning rate (cosine-annealed to 0 over all steps)
 * @param weightDecay    AdamW's decoupled weight decay
 * @param posWeight      BCE-with-logits weight of the character pixels
 * @param diceWeight     weight of the soft Dice term added to the BCE
 * @param inferenceSides photo sizes predicted at (long side in pixels, 0 = the photo's own), merged by maximum
 * @param seed           seed of the initial weights, the crop order and the augmentation
 * @param threads        worker threads; the run is reproducible bit for bit for the same count
 */
public record UNetConfig(String model, List<Integer> widths, int sceneSize, int scenes, int valScenes, int testScenes,
                         long dataSeed, int crop, int batchSize, int epochs, double lr, double weightDecay,
                         double posWeight, double diceWeight, List<Integer> inferenceSides, long seed, int threads) {
    public static final String MODEL = "unet";

    public UNetConfig {
        if (!MODEL.equals(model)) {
            throw new IllegalArgumentException("U-Net config: model must be \"unet\", got " + model);
        }
        widths = List.copyOf(Objects.requireNonNull(widths, "U-Net config: widths"));
        inferenceSides = List.copyOf(Objects.requireNonNull(inferenceSides, "U-Net config: inferenceSides"));
        UNetModel.config(widthArray(widths)); // validates the widths
        int stride = UNetModel.stride(widthArray(widths));
        positive("--scene-size", sceneSize);
        positive("--scenes", scenes);
        positive("--val-scenes", valScenes);
        positive("--test-scenes", testScenes);
        positive("--batch-size", batchSize);
        positive("--epochs", epochs);
        positive("--threads", threads);
        if (crop < stride || crop % stride != 0 || crop > sceneSize * 2) {
            throw new IllegalArgumentException("--crop must be a multiple of the U-Net's stride " + stride
                    + " between " + stride + " and twice --scene-size (" + 2 * sceneSize + "), got " + crop);
        }
        if (sceneSize % stride != 0) {
            throw new IllegalArgumentException("--scene-size must be a multiple of the U-Net's stride " + stride
                    + " (validation runs on whole scenes), got " + sceneSize);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("--lr must be a positive number, got " + lr);
        }
        if (!(weightDecay >= 0) || !(posWeight > 0) || !(diceWeight >= 0) || Double.isInfinite(posWeight + diceWeight)) {
            throw new IllegalArgumentException("need --weight-decay >= 0, --pos-weight > 0 and --dice-weight >= 0, got "
                    + weightDecay + ", " + posWeight + ", " + diceWeight);
        }
        if (inferenceSides.isEmpty() || inferenceSides.stream().anyMatch(s -> s < 0 || (s > 0 && s < stride))) {
            throw new IllegalArgumentException("--sides: one or more long sides >= " + stride
                    + " (or 0 = the photo's own size), got " + inferenceSides);
        }
    }

    /** The network's architecture as data (stored in the checkpoint). */
    @JsonIgnore
    public org.hanzinet.nn.graph.GraphConfig network() {
        return UNetModel.config(widthArray(widths));
    }

    /** Optimiser steps per epoch (the last incomplete batch is dropped). */
    @JsonIgnore
    public int stepsPerEpoch() {
        return Math.max(1, scenes / batchSize);
    }

    @JsonIgnore
    public int stride() {
        return UNetModel.stride(widthArray(widths));
    }

    /** Run folder name: {@code unet-16-32-64-128-256}. */
    @JsonIgnore
    public String runName() {
        StringBuilder s = new StringBuilder(MODEL);
        widths.forEach(w -> s.append('-').append(w));
        return s.toString();
    }

    public UNetConfig withThreads(int t) {
        return new UNetConfig(model, widths, sceneSize, scenes, valScenes, testScenes, dataSeed, crop, batchSize, epochs,
                lr, weightDecay, posWeight, diceWeight, inferenceSides, seed, t);
    }

    public UNetConfig withInferenceSides(List<Integer> sides) {
        return new UNetConfig(model, widths, sceneSize, scenes, valScenes, testScenes, dataSeed, crop, batchSize, epochs,
                lr, weightDecay, posWeight, diceWeight, sides, seed, threads);
    }

    static int[] widthArray(List<Integer> widths) {
        return widths.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        }
    }
}

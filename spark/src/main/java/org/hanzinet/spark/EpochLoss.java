package org.hanzinet.spark;

/**
 * One epoch of a Spark run: the mean of its step losses (each the mean BCE over the step's non-ignored
 * pixels) and the last step's loss.
 */
public record EpochLoss(int epoch, double meanLoss, double lastLoss) {}

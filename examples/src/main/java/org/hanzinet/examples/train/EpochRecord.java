package org.hanzinet.examples.train;

/**
 * One epoch's losses. {@code lastBatchLoss} is what the seed printed as {@code Epoch [k/N], Loss: x}
 * ({@code loss.item()} of the epoch's last batch); {@code trainLoss} is the mean over the epoch's batches.
 * {@code valLoss} is NaN when there is no validation split.
 */
public record EpochRecord(int epoch, double trainLoss, double lastBatchLoss, double valLoss, double seconds) {}

package org.hanzinet.examples.unet;

/**
 * One finished epoch of a U-Net run: the mean training loss (BCE + Dice over the augmented crops), the
 * validation loss and pixel F1 / IoU over the whole validation scenes (threshold 0.5), the learning rate at
 * the epoch's last step, and the epoch's wall time and training throughput.
 */
public record UNetEpoch(int epoch, double trainLoss, double valLoss, double valF1, double valIoU, double lr,
                        double seconds, double imagesPerSecond) {}

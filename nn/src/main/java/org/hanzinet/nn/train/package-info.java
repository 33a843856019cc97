/**
 * The training step shared by the CLI, the Spark trainer and library users: {@link
 * org.hanzinet.nn.train.TrainingStep} (forward, loss over non-ignored pixels, backward, optimiser step,
 * split into accumulate / apply for data parallelism), the pixel metrics ({@link
 * org.hanzinet.nn.train.PixelMetrics}: precision, recall, F1, IoU, accuracy over non-ignored pixels),
 * flat parameter vectors for broadcasting and summing, and dropout seeding from a derived seed.
 */
package org.hanzinet.nn.train;

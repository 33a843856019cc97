package org.hanzinet.data.dataset;

/**
 * A per-sample transform a {@link DataLoader} applies after loading, such as the augmentation pipeline
 * of {@code org.hanzinet.data.augment}. It must depend only on its arguments (the sample, the epoch and
 * the sample's index in the data set), so that batches are the same on any number of loader threads.
 */
@FunctionalInterface
public interface SampleTransform {
    Sample apply(Sample in, int epoch, int index);
}

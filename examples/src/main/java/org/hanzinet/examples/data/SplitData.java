package org.hanzinet.examples.data;

import org.hanzinet.data.dataset.CtwDataset;

/**
 * The seed's split, in file order without shuffling: the first {@code train} images, then {@code val},
 * then {@code test}, each a data-module {@link CtwDataset} at the run's image size.
 *
 * @param source the annotation file and its image count, for reports
 */
public record SplitData(String source, CtwDataset train, CtwDataset val, CtwDataset test) {

    /** {train, validation, test} image counts. */
    public int[] sizes() {
        return new int[] {train.size(), val.size(), test.size()};
    }
}

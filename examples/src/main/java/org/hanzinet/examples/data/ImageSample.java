package org.hanzinet.examples.data;

import org.hanzinet.core.Tensor;

/**
 * One image as the models see it: {@code image [3, S, S]} RGB in [0, 1], {@code mask [1, S, S]} 0/1
 * (character pixels), {@code ignore [1, S, S]} 1 where the annotation marks an ignored region.
 */
public record ImageSample(String id, Tensor image, Tensor mask, Tensor ignore) {}

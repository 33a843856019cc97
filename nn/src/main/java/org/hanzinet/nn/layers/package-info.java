/**
 * The layers, each a {@link org.hanzinet.nn.Module} with a hand-written backward and a nested Jackson
 * {@code Config} record: activations ({@code ReLU}, {@code LeakyReLU}, {@code Sigmoid}, {@code Tanh}),
 * {@code Flatten}, {@code MaxPool2d}, {@code Linear}, {@code Dropout}, {@code BatchNorm2d}, up-sampling
 * ({@code UpsampleNearest1d}, {@code UpsampleBilinear2d}) and {@code Conv2d}. Semantics follow PyTorch 1.13 on the CPU, including its tie, NaN and index-rounding rules.
 *
 * <p>Buffer ownership: a layer's output and input gradient are work buffers it owns and reuses for the
 * next call of the same shape (fresh memory is slow to touch at the reference sizes), so copy a result
 * you want to keep across calls. Layers that need their input in backward keep a reference to it: do not
 * modify an input between forward and backward.
 */
package org.hanzinet.nn.layers;

/**
 * Losses with PyTorch's semantics behind one {@link org.hanzinet.nn.loss.Loss} interface, so a trainer takes
 * any of them: {@code BCELoss} on probabilities, {@code BCEWithLogitsLoss} on logits (with {@code pos_weight}),
 * soft {@code DiceLoss} on probabilities or logits, and {@code WeightedSumLoss} ({@code Losses.sum}) of
 * several. A loss is not a module: {@code forward(input, target[, weight])} returns the reduced loss as a
 * float (accumulated in double) and {@code backward()} returns dLoss/dInput of that forward, to be fed to the
 * model's backward. {@link org.hanzinet.nn.loss.Reduction} says how ignored elements (weight 0) enter the
 * mean.
 */
package org.hanzinet.nn.loss;

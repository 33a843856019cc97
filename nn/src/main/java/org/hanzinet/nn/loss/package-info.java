/**
 * Losses with PyTorch's semantics: {@code BCELoss} on probabilities and {@code BCEWithLogitsLoss} on
 * logits. A loss is not a module: {@code forward(input, target[, weight])} returns the reduced loss as a
 * float (accumulated in double) and {@code backward()} returns dLoss/dInput of that forward, to be fed
 * to the model's backward. {@link org.hanzinet.nn.loss.Reduction} says how ignored elements (weight 0)
 * enter the mean.
 */
package org.hanzinet.nn.loss;

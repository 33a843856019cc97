package org.hanzinet.nn.loss;

import org.hanzinet.core.Tensor;

/**
 * A loss a trainer can take: {@code forward(input, target[, weight])} returns the reduced loss of
 * {@code input} (probabilities or logits, any shape, e.g. [N, 1, H, W]) against a {@code target} of the
 * same shape, with an optional per-element {@code weight} of the same shape (0 marks an ignored pixel);
 * {@link #backward()} returns dLoss/dInput of that forward, shaped as the input.
 *
 * <p>Implementations keep references to the forward's tensors (do not modify them before backward) and
 * return a gradient buffer they own, overwritten by their next backward. Not safe for concurrent use.
 */
public interface Loss {

    /** The loss of {@code input} against {@code target} (same shape), unweighted. */
    default float forward(Tensor input, Tensor target) {
        return forward(input, target, null);
    }

    /** As {@link #forward(Tensor, Tensor)} with a per-element weight of the input's shape, or null for none. */
    float forward(Tensor input, Tensor target, Tensor weight);

    /** dLoss/dInput of the last forward, shaped as its input; a buffer owned by the loss. */
    Tensor backward();
}

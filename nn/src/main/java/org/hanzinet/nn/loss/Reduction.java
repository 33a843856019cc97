package org.hanzinet.nn.loss;

/**
 * How the per-element losses {@code w_i * l_i} become one number.
 *
 * <ul>
 *   <li>{@link #MEAN}: PyTorch's {@code reduction='mean'}: the sum divided by the number of elements,
 *       whatever the weights (a weight of 0 removes the term but still counts in the denominator).</li>
 *   <li>{@link #SUM}: PyTorch's {@code reduction='sum'}.</li>
 *   <li>{@link #MEAN_OVER_NONZERO_WEIGHT}: the sum divided by the number of elements whose weight is not
 *       0, so pixels marked ignored (weight 0) leave both the sum and the count: the mean loss of the
 *       pixels that matter. Not a PyTorch reduction (PyTorch would need {@code (w*l).sum() / (w != 0).sum()}).
 *       Without a weight it equals MEAN; when every weight is 0 the loss and its gradient are 0.</li>
 * </ul>
 */
public enum Reduction {
    MEAN,
    SUM,
    MEAN_OVER_NONZERO_WEIGHT
}

package org.hanzinet.nn;

import java.util.List;
import org.hanzinet.core.Tensor;

/**
 * A module with several inputs (a graph's merge nodes {@code Add} and {@code Concat}, a graph):
 * {@link #forward(List)} combines them, {@link #backwardAll(Tensor)} returns one gradient per input, in
 * input order. The single-input {@link #forward(Tensor)}/{@link #backward(Tensor)} treat the module as
 * having one input.
 *
 * <p>The returned gradients may be shared (Add returns its output gradient for every input) and are
 * owned by the module: callers read them and must not write into them.
 */
public abstract class MultiInputModule extends Module {

    /** Output for {@code inputs}; caches what {@link #backwardAll} needs. */
    public abstract Tensor forward(List<Tensor> inputs);

    /** dLoss/dInput for each input of the last forward, in input order, given dLoss/dOutput. */
    public abstract List<Tensor> backwardAll(Tensor gradOutput);

    @Override
    public final Tensor forward(Tensor input) {
        return forward(List.of(input));
    }

    @Override
    public final Tensor backward(Tensor gradOutput) {
        return backwardAll(gradOutput).get(0);
    }
}

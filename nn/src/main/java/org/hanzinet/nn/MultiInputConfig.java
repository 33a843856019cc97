package org.hanzinet.nn;

import java.util.List;
import org.hanzinet.core.Rng;

/**
 * A {@link LayerConfig} whose layer takes several inputs (a graph's merge nodes, a graph). The single-shape
 * {@link #outputShape(int[])} is the one-input case.
 */
public interface MultiInputConfig extends LayerConfig {

    /**
     * The output shape for these input shapes (batch dimension included).
     *
     * @throws IllegalArgumentException naming the layer and the offending shapes when they do not fit
     */
    int[] outputShape(List<int[]> inputShapes);

    @Override
    default int[] outputShape(int[] inputShape) {
        return outputShape(List.of(inputShape));
    }

    @Override
    MultiInputModule build(Rng rng);
}

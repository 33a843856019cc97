package org.hanzinet.nn;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.hanzinet.core.Rng;

/**
 * A layer as data: an immutable, validated value that knows the layer's output shape for an input
 * shape and its parameter count, and builds the layer. Serialised to JSON with a {@code "type"} field
 * naming the layer ({@code {"type":"Conv2d","inChannels":3,...}}); the type names are registered in
 * {@link LayerTypes}. A network config (sequential or graph) is built from these, travels in the
 * checkpoint and rebuilds the model there.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public interface LayerConfig {

    /**
     * The output shape for {@code inputShape} (batch dimension included, e.g. {@code [N, C, H, W]}).
     *
     * @throws IllegalArgumentException naming the layer, the expected and the given shape, when the layer
     *     cannot take that input
     */
    int[] outputShape(int[] inputShape);

    /** The number of trainable scalars of the layer this builds. */
    long parameterCount();

    /** Builds the layer, drawing initial weights from {@code rng} (PyTorch's default initialisation). */
    Module build(Rng rng);
}

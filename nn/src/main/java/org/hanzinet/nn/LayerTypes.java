package org.hanzinet.nn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.util.List;
import org.hanzinet.nn.graph.GraphConfig;
import org.hanzinet.nn.layers.Add;
import org.hanzinet.nn.layers.Concat;
import org.hanzinet.nn.layers.Conv2d;
import org.hanzinet.nn.layers.Dropout;
import org.hanzinet.nn.layers.Flatten;
import org.hanzinet.nn.layers.Linear;
import org.hanzinet.nn.layers.MaxPool2d;
import org.hanzinet.nn.layers.ReLU;
import org.hanzinet.nn.layers.Sigmoid;
import org.hanzinet.nn.layers.Unflatten;
import org.hanzinet.nn.layers.UpsampleBilinear2d;
import org.hanzinet.nn.layers.UpsampleNearest1d;

/**
 * The JSON type names of every {@link LayerConfig}: {@code "type":"Conv2d"} reads as a
 * {@code Conv2d.Config}. A new layer adds its config here once.
 */
public final class LayerTypes {
    private LayerTypes() {}

    /** Every known layer config, with the name it has in JSON (the layer's class name, as in PyTorch). */
    public static List<NamedType> all() {
        return List.of(
                new NamedType(SequentialConfig.class, "Sequential"),
                new NamedType(GraphConfig.class, "Graph"),
                new NamedType(Add.Config.class, "Add"),
                new NamedType(Concat.Config.class, "Concat"),
                new NamedType(Conv2d.Config.class, "Conv2d"),
                new NamedType(Dropout.Config.class, "Dropout"),
                new NamedType(Flatten.Config.class, "Flatten"),
                new NamedType(Linear.Config.class, "Linear"),
                new NamedType(MaxPool2d.Config.class, "MaxPool2d"),
                new NamedType(ReLU.Config.class, "ReLU"),
                new NamedType(Sigmoid.Config.class, "Sigmoid"),
                new NamedType(Unflatten.Config.class, "Unflatten"),
                new NamedType(UpsampleBilinear2d.Config.class, "UpsampleBilinear2d"),
                new NamedType(UpsampleNearest1d.Config.class, "UpsampleNearest1d"));
    }

    /** {@code mapper} with every layer config type registered; returns {@code mapper}. */
    public static ObjectMapper register(ObjectMapper mapper) {
        mapper.registerSubtypes(all().toArray(NamedType[]::new));
        return mapper;
    }
}

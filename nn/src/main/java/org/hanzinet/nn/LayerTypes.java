package org.hanzinet.nn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.util.List;
import org.hanzinet.nn.graph.GraphConfig;
import org.hanzinet.nn.layers.Add;
import org.hanzinet.nn.layers.BatchNorm2d;
import org.hanzinet.nn.layers.Concat;
import org.hanzinet.nn.layers.Conv2d;
import org.hanzinet.nn.layers.Dropout;
import org.hanzinet.nn.layers.Flatten;
import org.hanzinet.nn.layers.LeakyReLU;
import org.hanzinet.nn.layers.Linear;
import org.hanzinet.nn.layers.MaxPool2d;
import org.hanzinet.nn.layers.ReLU;
import org.hanzinet.nn.layers.Sigmoid;
import org.hanzinet.nn.layers.Tanh;
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
                new NamedType(UpsampleNearest1d.Config.class, "UpsampleNearest1d"),
                new NamedType(BatchNorm2d.Config.class, "BatchNorm2d"),
                new NamedType(LeakyReLU.Config.class, "LeakyReLU"),
                new NamedType(Tanh.Config.class, "Tanh"));
    }

    private static final ObjectMapper JSON = register(new ObjectMapper());

    /** {@code config} as JSON with its {@code "type"} (a network config: its layers, nested). */
    public static String toJson(LayerConfig config) {
        try {
            return JSON.writerFor(LayerConfig.class).writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + config + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The config that {@link #toJson} wrote.
     *
     * @throws IllegalArgumentException with the validation message of the first bad value, or Jackson's
     *     one-line description of malformed JSON or an unknown type
     */
    public static LayerConfig fromJson(String json) {
        try {
            return JSON.readValue(json, LayerConfig.class);
        } catch (JsonProcessingException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String why = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
            throw new IllegalArgumentException("bad network config: " + why, e);
        }
    }

    /** {@code mapper} with every layer config type registered; returns {@code mapper}. */
    public static ObjectMapper register(ObjectMapper mapper) {
        mapper.registerSubtypes(all().toArray(NamedType[]::new));
        return mapper;
    }
}

package org.hanzinet.nn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.util.List;
import org.hanzinet.nn.layers.BatchNorm2d;
import org.hanzinet.nn.layers.LeakyReLU;
import org.hanzinet.nn.layers.Tanh;

/**
 * The JSON type names of every {@link LayerConfig}: {@code "type":"Conv2d"} reads as a
 * {@code Conv2d.Config}. A new layer adds its config here once.
 */
public final class LayerTypes {
    private LayerTypes() {}

    /** Every known layer config, with the name it has in JSON (the layer's class name, as in PyTorch). */
    public static List<NamedType> all() {
        return List.of(
                // new NamedType(Conv2d.Config.class, "Conv2d"), ... one line per layer config
                new NamedType(BatchNorm2d.Config.class, "BatchNorm2d"),
                new NamedType(LeakyReLU.Config.class, "LeakyReLU"),
                new NamedType(Tanh.Config.class, "Tanh")
        );
    }

    /** {@code mapper} with every layer config type registered; returns {@code mapper}. */
    public static ObjectMapper register(ObjectMapper mapper) {
        mapper.registerSubtypes(all().toArray(NamedType[]::new));
        return mapper;
    }
}

package org.hanzinet.nn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Shapes;

/**
 * A {@link Sequential} as data: named layer configs applied in order (PyTorch's
 * {@code nn.Sequential(OrderedDict(...))}; {@link #of} names them {@code 0, 1, ...}). Any
 * {@link LayerConfig} may be a layer, including another sequential or a graph, so blocks nest and the
 * state-dict names follow: a layer {@code conv1} of a block {@code layer1} gives {@code layer1.conv1.weight}.
 *
 * <p>JSON: {@code {"type":"Sequential","layers":[{"name":"0","layer":{"type":"Conv2d",...}}, ...]}}.
 */
public record SequentialConfig(List<Layer> layers) implements LayerConfig {

    /** One named layer of the sequence. */
    public record Layer(String name, LayerConfig layer) {
        public Layer {
            if (name == null || name.isEmpty() || name.contains(".")) {
                throw new IllegalArgumentException("Sequential: bad layer name '" + name + "' (non-empty, without dots)");
            }
            Objects.requireNonNull(layer, "Sequential layer '" + name + "': layer config");
        }
    }

    public SequentialConfig {
        layers = List.copyOf(Objects.requireNonNull(layers, "Sequential: layers"));
        Set<String> names = new HashSet<>();
        for (Layer l : layers) {
            if (!names.add(l.name())) {
                throw new IllegalArgumentException("Sequential: layer name '" + l.name() + "' is used twice");
            }
        }
    }

    /** Layers named {@code 0, 1, ...} as in {@code nn.Sequential(a, b, ...)}. */
    public static SequentialConfig of(LayerConfig... layers) {
        List<Layer> l = new ArrayList<>();
        for (LayerConfig c : layers) {
            l.add(new Layer(Integer.toString(l.size()), c));
        }
        return new SequentialConfig(l);
    }

    /** This sequence with {@code layer} appended under {@code name}. */
    public SequentialConfig then(String name, LayerConfig layer) {
        List<Layer> l = new ArrayList<>(layers);
        l.add(new Layer(name, layer));
        return new SequentialConfig(l);
    }

    /** Every layer's shape checked in turn; a failure names the layer. */
    @Override
    public int[] outputShape(int[] inputShape) {
        int[] s = inputShape;
        for (Layer l : layers) {
            try {
                s = l.layer().outputShape(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Sequential layer '" + l.name() + "' (input " + Shapes.toString(s) + "): "
                        + e.getMessage(), e);
            }
        }
        return s;
    }

    @Override
    public long parameterCount() {
        long n = 0;
        for (Layer l : layers) {
            n = Math.addExact(n, l.layer().parameterCount());
        }
        return n;
    }

    /** Builds the layers in order, each drawing from {@code rng} in turn. */
    @Override
    public Sequential build(Rng rng) {
        Sequential s = new Sequential();
        for (Layer l : layers) {
            s.add(l.name(), l.layer().build(rng));
        }
        return s;
    }
}

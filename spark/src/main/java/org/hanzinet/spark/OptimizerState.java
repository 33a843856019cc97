package org.hanzinet.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.optim.Optimizer;

/**
 * An optimiser's state ({@link Optimizer#state()}) as plain arrays that Spark can ship and the driver
 * can average: name -> shape and values, in the optimiser's order.
 */
record OptimizerState(Map<String, int[]> shapes, Map<String, float[]> values) implements Serializable {

    static OptimizerState of(Optimizer optimizer) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        Map<String, float[]> values = new LinkedHashMap<>();
        optimizer.state().forEach((name, t) -> {
            shapes.put(name, t.shape());
            values.put(name, t.toArray());
        });
        return new OptimizerState(shapes, values);
    }

    void loadInto(Optimizer optimizer) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        values.forEach((name, v) -> state.put(name, Tensor.of(v.clone(), shapes.get(name))));
        optimizer.loadState(state);
    }

    /** A copy with every value multiplied by {@code alpha} (the start of a weighted average). */
    OptimizerState scaled(float alpha) {
        Map<String, float[]> out = new LinkedHashMap<>();
        values.forEach((name, v) -> {
            float[] c = v.clone();
            for (int i = 0; i < c.length; i++) {
                c[i] *= alpha;
            }
            out.put(name, c);
        });
        return new OptimizerState(shapes, out);
    }

    /**
     * Element-wise sum with {@code other}; refuses states with different entries (workers that took a
     * different number of steps with an optimiser that creates its buffers lazily).
     */
    OptimizerState plus(OptimizerState other) {
        if (!values.keySet().equals(other.values.keySet())) {
            throw new IllegalStateException("optimizer states differ in their entries: " + values.keySet() + " vs "
                    + other.values.keySet());
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        values.forEach((name, v) -> {
            float[] o = other.values.get(name);
            float[] c = v.clone();
            for (int i = 0; i < c.length; i++) {
                c[i] += o[i];
            }
            out.put(name, c);
        });
        return new OptimizerState(shapes, out);
    }
}

package org.hanzinet.nn.optim;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Parameter;

/**
 * Stochastic gradient descent with momentum, weight decay and Nesterov, PyTorch's {@code torch.optim.SGD}
 * rule per element: {@code d = g + wd p}; with momentum {@code b = d} on the first step, afterwards
 * {@code b = momentum b + (1 - dampening) d}; {@code d = nesterov ? d + momentum b : b};
 * {@code p -= lr d}.
 *
 * <p>Memory: exactly one momentum buffer per parameter (none when momentum is 0), updated together with
 * the parameter in a single fused, multi-threaded pass: no temporary of a parameter's size. For model 1
 * (1.05e9-weight Linear) parameters, gradients and momentum take 3 x 4.2 GB; run it with at least
 * {@code -Xmx16g}.
 */
public final class SGD extends StatefulOptimizer {
    static final String MOMENTUM_BUFFER = "momentum_buffer";

    /** Hyper-parameters, validated as PyTorch validates them. */
    public record Config(double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        public Config {
            OptimSupport.requireFinite("SGD lr", lr, 0);
            OptimSupport.requireFinite("SGD momentum", momentum, 0);
            OptimSupport.requireFinite("SGD dampening", dampening, 0);
            OptimSupport.requireFinite("SGD weight_decay", weightDecay, 0);
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                throw new IllegalArgumentException("SGD nesterov needs momentum > 0 and dampening 0, got momentum "
                        + momentum + " and dampening " + dampening);
            }
        }

        /** Plain SGD with learning rate {@code lr}. */
        public static Config of(double lr) {
            return new Config(lr, 0, 0, 0, false);
        }
    }

    private final Config config;

    /** PyTorch's {@code SGD(params, lr, momentum, weight_decay=..., nesterov=...)}, dampening 0. */
    public SGD(Map<String, Parameter> params, double lr, double momentum, double weightDecay, boolean nesterov) {
        this(params, new Config(lr, momentum, 0, weightDecay, nesterov));
    }

    public SGD(Map<String, Parameter> params, Config config) {
        super(new OptimSupport("SGD", params,
                Objects.requireNonNull(config, "config").momentum() != 0 ? List.of(MOMENTUM_BUFFER) : List.of(),
                config.lr()));
        this.config = config;
    }

    /** Optimises every parameter of {@code module} ({@link Module#namedParameters()}). */
    public SGD(Module module, Config config) {
        this(OptimSupport.parametersOf("SGD", module), config);
    }

    /** The construction-time hyper-parameters; the current learning rate is {@link #learningRate()}. */
    public Config config() {
        return config;
    }



    @Override
    public void step() {
        List<Parameter> ps = support.parameterList();
        for (int i = 0; i < ps.size(); i++) {
            Parameter p = ps.get(i);
            Tensor buf = null;
            boolean first = false;
            if (config.momentum() != 0) {
                first = support.buffers.get(MOMENTUM_BUFFER)[i] == null;
                buf = support.buffer(MOMENTUM_BUFFER, i, p);
            }
            update(p.value(), p.grad(), buf, first);
        }
        support.step++;
    }

    private void update(Tensor value, Tensor grad, Tensor buffer, boolean first) {
        float lr = (float) support.lr();
        float wd = (float) config.weightDecay();
        float mom = (float) config.momentum();
        float keep = (float) (1 - config.dampening());
        boolean nesterov = config.nesterov();
        float[] p = value.data();
        float[] g = grad.data();
        float[] b = buffer == null ? null : buffer.data();
        int po = value.offset();
        int go = grad.offset();
        int bo = buffer == null ? 0 : buffer.offset();
        Parallel.forRange(value.numel(), OptimSupport.MIN_CHUNK, (from, to) -> {
            for (int i = from; i < to; i++) {
                float d = g[go + i];
                if (wd != 0f) {
                    d += wd * p[po + i];
                }
                if (b != null) {
                    float m = first ? d : b[bo + i] * mom + keep * d;
                    b[bo + i] = m;
                    d = nesterov ? d + mom * m : m;
                }
                p[po + i] -= lr * d;
            }
        });
    }



}

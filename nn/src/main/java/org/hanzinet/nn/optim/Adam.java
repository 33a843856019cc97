package org.hanzinet.nn.optim;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Parameter;

/**
 * Adam, exactly {@code torch.optim.Adam} of PyTorch 1.13 without amsgrad: at step t,
 * {@code g = grad + wd p} (weight decay as L2 on the gradient, not AdamW);
 * {@code m = beta1 m + (1 - beta1) g}; {@code v = beta2 v + (1 - beta2) g^2};
 * {@code denom = sqrt(v) / sqrt(1 - beta2^t) + eps}; {@code p -= (lr / (1 - beta1^t)) m / denom}.
 * The bias corrections are computed in double as PyTorch's Python code does, the element updates in float.
 *
 * <p>Memory: two buffers per parameter ({@code exp_avg}, {@code exp_avg_sq}), allocated on the first
 * step and updated with the parameter in one fused, multi-threaded pass.
 */
public final class Adam extends StatefulOptimizer {
    static final String EXP_AVG = "exp_avg";
    static final String EXP_AVG_SQ = "exp_avg_sq";

    /** Hyper-parameters, validated as PyTorch validates them; {@link #defaults(double)} gives PyTorch's defaults. */
    public record Config(double lr, double beta1, double beta2, double eps, double weightDecay) {
        public Config {
            OptimSupport.requireFinite("Adam lr", lr, 0);
            OptimSupport.requireFinite("Adam eps", eps, 0);
            OptimSupport.requireFinite("Adam weight_decay", weightDecay, 0);
            if (!(beta1 >= 0 && beta1 < 1)) {
                throw new IllegalArgumentException("Adam beta1 must be in [0, 1), got " + beta1);
            }
            if (!(beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("Adam beta2 must be in [0, 1), got " + beta2);
            }
        }

        /** betas (0.9, 0.999), eps 1e-8, no weight decay. */
        public static Config defaults(double lr) {
            return new Config(lr, 0.9, 0.999, 1e-8, 0);
        }
    }

    private final Config config;

    public Adam(Map<String, Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        this(params, new Config(lr, beta1, beta2, eps, weightDecay));
    }

    public Adam(Map<String, Parameter> params, Config config) {
        super(new OptimSupport("Adam", params, List.of(EXP_AVG, EXP_AVG_SQ),
                Objects.requireNonNull(config, "config").lr()));
        this.config = config;
    }

    /** Optimises every parameter of {@code module} ({@link Module#namedParameters()}). */
    public Adam(Module module, Config config) {
        this(OptimSupport.parametersOf("Adam", module), config);
    }

    /** The construction-time hyper-parameters; the current learning rate is {@link #learningRate()}. */
    public Config config() {
        return config;
    }



    @Override
    public void step() {
        long t = support.step + 1;
        OptimSupport.AdamScalars s = OptimSupport.AdamScalars.of(support.lr(), config.beta1(), config.beta2(),
                config.eps(), t, config.weightDecay(), 1);
        List<Parameter> ps = support.parameterList();
        for (int i = 0; i < ps.size(); i++) {
            Parameter p = ps.get(i);
            OptimSupport.adamUpdate(p.value(), p.grad(), support.buffer(EXP_AVG, i, p), support.buffer(EXP_AVG_SQ, i, p),
                    null, s);
        }
        support.step = t;
    }



}

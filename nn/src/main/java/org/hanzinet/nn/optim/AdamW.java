package org.hanzinet.nn.optim;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Parameter;

/**
 * Adam with decoupled weight decay, exactly {@code torch.optim.AdamW} of PyTorch 1.13: at step t,
 * {@code p *= 1 - lr wd} (the decay acts on the weights, not through the gradient as in {@link Adam});
 * {@code m = beta1 m + (1 - beta1) g}; {@code v = beta2 v + (1 - beta2) g^2}; with amsgrad
 * {@code vmax = max(vmax, v)} stands for v below; {@code denom = sqrt(v) / sqrt(1 - beta2^t) + eps};
 * {@code p -= (lr / (1 - beta1^t)) m / denom}. The decay uses the current learning rate, so a schedule
 * scales it too, as in PyTorch.
 *
 * <p>Memory: {@code exp_avg} and {@code exp_avg_sq} per parameter, plus {@code max_exp_avg_sq} with amsgrad,
 * allocated on the first step and updated with the parameter in one fused, multi-threaded pass (the loop
 * is {@link Adam}'s).
 */
public final class AdamW extends StatefulOptimizer {
    static final String MAX_EXP_AVG_SQ = "max_exp_avg_sq";

    /** Hyper-parameters, validated as PyTorch validates them; {@link #defaults(double)} gives PyTorch's defaults. */
    public record Config(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        public Config {
            OptimSupport.requireFinite("AdamW lr", lr, 0);
            OptimSupport.requireFinite("AdamW eps", eps, 0);
            OptimSupport.requireFinite("AdamW weight_decay", weightDecay, 0);
            if (!(beta1 >= 0 && beta1 < 1)) {
                throw new IllegalArgumentException("AdamW beta1 must be in [0, 1), got " + beta1);
            }
            if (!(beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("AdamW beta2 must be in [0, 1), got " + beta2);
            }
        }

        /** betas (0.9, 0.999), eps 1e-8, weight decay 1e-2, no amsgrad: {@code torch.optim.AdamW(params, lr)}. */
        public static Config defaults(double lr) {
            return new Config(lr, 0.9, 0.999, 1e-8, 1e-2, false);
        }
    }

    private final Config config;

    public AdamW(Map<String, Parameter> params, Config config) {
        super(new OptimSupport("AdamW", params, Objects.requireNonNull(config, "config").amsgrad()
                ? List.of(Adam.EXP_AVG, Adam.EXP_AVG_SQ, MAX_EXP_AVG_SQ)
                : List.of(Adam.EXP_AVG, Adam.EXP_AVG_SQ), config.lr()));
        this.config = config;
    }

    /** Optimises every parameter of {@code module} ({@link Module#namedParameters()}). */
    public AdamW(Module module, Config config) {
        this(OptimSupport.parametersOf("AdamW", module), config);
    }

    /** The construction-time hyper-parameters; the current learning rate is {@link #learningRate()}. */
    public Config config() {
        return config;
    }



    @Override
    public void step() {
        long t = support.step + 1;
        double lr = support.lr();
        OptimSupport.AdamScalars s = OptimSupport.AdamScalars.of(lr, config.beta1(), config.beta2(), config.eps(), t,
                0, 1 - lr * config.weightDecay());
        List<Parameter> ps = support.parameterList();
        for (int i = 0; i < ps.size(); i++) {
            Parameter p = ps.get(i);
            OptimSupport.adamUpdate(p.value(), p.grad(), support.buffer(Adam.EXP_AVG, i, p),
                    support.buffer(Adam.EXP_AVG_SQ, i, p),
                    config.amsgrad() ? support.buffer(MAX_EXP_AVG_SQ, i, p) : null, s);
        }
        support.step = t;
    }



}

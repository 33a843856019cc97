package org.hanzinet.nn.layers;

import java.util.Objects;
import org.hanzinet.core.Init;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Shapes;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.linalg.Gemm;
import org.hanzinet.nn.DefaultRng;
import org.hanzinet.nn.LayerConfig;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Parameter;

/**
 * Fully connected layer {@code y = x W^T + b}, {@code [N, in] -> [N, out]}, as PyTorch's {@code nn.Linear}:
 * parameters {@code weight} [out, in] (kaiming-uniform, fan_in = in) and {@code bias} [out]
 * (uniform ±1/sqrt(in)). All three products go through core's {@link Gemm}, multi-threaded; at batches
 * up to 16 it streams the weight (or its gradient) through memory once per product instead of once per
 * sample, which is what bounds model 1's step. The weight gradient is accumulated in place
 * ({@code dW += dy^T x}), so no temporary of the weight's size is ever made: model 1's
 * Linear(4,145,296 -> 253) needs its weight and gradient (2 x 4.2 GB) and nothing more.
 *
 * <p>Forward keeps a reference to its input for the weight gradient: do not modify the input between
 * forward and backward. Output and input gradient are buffers owned by the layer.
 */
public final class Linear extends Module {

    /** Input and output features (at least 1) and whether there is a bias. */
    public record Config(int in, int out, boolean bias) implements LayerConfig {
        public Config {
            LayerSupport.requirePositive("Linear in_features", in);
            LayerSupport.requirePositive("Linear out_features", out);
            Shapes.numel(out, in);
        }

        /** {@code [N, in] -> [N, out]}. */
        @Override
        public int[] outputShape(int[] s) {
            LayerSupport.requireDims("Linear", s, 2, "[N, " + in + "]");
            if (s[1] != in) {
                throw new IllegalArgumentException("Linear: expected input [N, " + in + "], got shape " + Shapes.toString(s));
            }
            return new int[] {s[0], out};
        }

        @Override
        public long parameterCount() {
            return (long) in * out + (bias ? out : 0);
        }

        @Override
        public Linear build(Rng rng) {
            return new Linear(this, rng);
        }
    }

    private final Config config;
    private final Parameter weight;
    private final Parameter bias;
    private Tensor input;
    private Tensor output;
    private Tensor gradInput;

    public Linear(int in, int out, boolean bias, Rng rng) {
        this(new Config(in, out, bias), rng);
    }

    /** PyTorch's default initialisation drawn from {@link DefaultRng} (for weights about to be overwritten, or quick trials). */
    public Linear(int in, int out, boolean bias) {
        this(new Config(in, out, bias));
    }

    /** As {@link #Linear(Config, Rng)} with a generator split from {@link DefaultRng}. */
    public Linear(Config config) {
        this(config, DefaultRng.split());
    }

    public Linear(Config config, Rng rng) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(rng, "rng");
        weight = registerParameter("weight", Init.kaimingUniform(Tensor.zeros(config.out(), config.in()), config.in(), rng));
        bias = config.bias()
                ? registerParameter("bias", Init.biasUniform(Tensor.zeros(config.out()), config.in(), rng))
                : null;
    }

    public Config config() {
        return config;
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or null when built without one. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public Tensor forward(Tensor x) {
        LayerSupport.requireDims("Linear", x, 2, "[N, " + config.in() + "]");
        if (x.size(1) != config.in()) {
            throw new IllegalArgumentException("Linear: expected input [N, " + config.in() + "], got shape "
                    + Shapes.toString(x.shape()));
        }
        int n = x.size(0);
        Tensor y = output = LayerSupport.reuse(output, n, config.out());
        Gemm.gemm(false, true, 1f, x, weight.value(), 0f, y); // [N, in] x [out, in]^T -> [N, out]
        if (bias != null) {
            for (int i = 0; i < n; i++) {
                y.slice(i).add(bias.value());
            }
        }
        input = x;
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        LayerSupport.requireForward("Linear", input);
        LayerSupport.requireGradShape("Linear", dy, output.shape());
        Gemm.gemm(true, false, 1f, dy, input, 1f, weight.grad()); // [N, out]^T x [N, in] -> [out, in], added
        if (bias != null) {
            for (int i = 0; i < dy.size(0); i++) {
                bias.grad().add(dy.slice(i));
            }
        }
        if (!inputGradientRequired()) {
            return null;
        }
        Tensor dx = gradInput = LayerSupport.gradInput(gradInput, input.shape());
        Gemm.gemm(false, false, 1f, dy, weight.value(), 0f, dx); // [N, out] x [out, in] -> [N, in]
        return dx;
    }
}

package org.hanzinet.nn.loss;

import java.util.List;
import java.util.Objects;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;

/**
 * {@code sum_k c_k L_k(input, target, weight)}: several losses of the same input, e.g. BCE-with-logits plus
 * Dice ({@link Losses#sum(double, Loss, double, Loss)}). Every term sees the same input, target and
 * per-element weight; {@link #backward()} is {@code sum_k c_k dL_k/dInput}, in a buffer owned by this loss.
 * The terms must be distinct instances (each keeps its own forward for its backward).
 */
public final class WeightedSumLoss implements Loss {

    /** One term: coefficient {@code coefficient} (finite) times {@code loss}. */
    public record Term(double coefficient, Loss loss) {
        public Term {
            if (!Double.isFinite(coefficient)) {
                throw new IllegalArgumentException("WeightedSumLoss coefficient must be finite, got " + coefficient);
            }
            Objects.requireNonNull(loss, "loss");
        }
    }

    private final List<Term> terms;
    private Tensor input;
    private Tensor grad;

    public WeightedSumLoss(List<Term> terms) {
        this.terms = List.copyOf(terms);
        if (this.terms.isEmpty()) {
            throw new IllegalArgumentException("WeightedSumLoss needs at least one term, got none");
        }
        for (int i = 0; i < this.terms.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (this.terms.get(i).loss() == this.terms.get(j).loss()) {
                    throw new IllegalArgumentException("WeightedSumLoss: terms " + j + " and " + i
                            + " are the same loss instance (" + this.terms.get(i).loss()
                            + "); use one term with the summed coefficient or two instances");
                }
            }
        }
    }

    public List<Term> terms() {
        return terms;
    }

    @Override
    public float forward(Tensor input, Tensor target, Tensor weight) {
        double sum = 0;
        for (Term t : terms) {
            sum += t.coefficient() * t.loss().forward(input, target, weight);
        }
        this.input = input;
        return (float) sum;
    }

    @Override
    public Tensor backward() {
        if (input == null) {
            throw new IllegalStateException("WeightedSumLoss: backward called before forward");
        }
        Tensor g = grad = LossSupport.reuse(grad, input.shape());
        float[] out = g.data();
        boolean first = true;
        for (Term t : terms) {
            Tensor tg = t.loss().backward();
            float[] d = tg.data();
            int o = tg.offset();
            float c = (float) t.coefficient();
            boolean set = first;
            Parallel.forRange(out.length, LossSupport.BLOCK, (from, end) -> {
                for (int i = from; i < end; i++) {
                    out[i] = set ? c * d[o + i] : out[i] + c * d[o + i];
                }
            });
            first = false;
        }
        return g;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("WeightedSumLoss(");
        for (int i = 0; i < terms.size(); i++) {
            sb.append(i == 0 ? "" : " + ").append(terms.get(i).coefficient()).append(" * ").append(terms.get(i).loss());
        }
        return sb.append(')').toString();
    }
}

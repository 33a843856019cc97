package org.hanzinet.nn.optim.schedule;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A learning-rate schedule as data, one of {@code torch.optim.lr_scheduler}'s: the learning rate after
 * {@code epoch} scheduler steps (0 = as constructed) for an optimiser whose initial learning rate was
 * {@code baseLr}. Closed forms of PyTorch's chainable rules, equal to them up to rounding (the parity tests
 * compare 25 steps of each). Serialised to JSON with a {@code "type"} naming the PyTorch class, so a
 * checkpoint can say which schedule it was stepping. {@link LrScheduler} applies one to an optimiser.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = StepLR.class, name = "StepLR"),
    @JsonSubTypes.Type(value = CosineAnnealingLR.class, name = "CosineAnnealingLR"),
    @JsonSubTypes.Type(value = LinearLR.class, name = "LinearLR"),
    @JsonSubTypes.Type(value = SequentialLR.class, name = "SequentialLR")
})
public interface LrSchedule {

    /** The learning rate after {@code epoch >= 0} steps, starting from {@code baseLr}. */
    double lr(double baseLr, long epoch);
}

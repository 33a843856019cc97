package org.hanzinet.nn.optim.schedule;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import org.hanzinet.nn.optim.Optimizer;

/**
 * Steps an optimiser's learning rate along an {@link LrSchedule}, as a {@code torch.optim.lr_scheduler}
 * object does: construction takes the optimiser's current rate as the base rate and sets the rate of epoch 0
 * (a warm-up starts low at once); each {@link #step()} (once per epoch or per batch, after
 * {@link Optimizer#step()}) advances the epoch and sets the next rate.
 *
 * <p>Its state for checkpoints is {@link State}: the schedule, the base rate and the epoch (PyTorch's
 * {@code last_epoch}); {@link #loadState} restores the epoch and sets the optimiser's rate from it, so a
 * resumed run continues the schedule where it stopped. Saved in the checkpoint's metadata as JSON
 * ({@link #stateJson()}) by {@code Checkpoint.save(file, model, optimizer, scheduler, ...)}.
 */
public final class LrScheduler {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a checkpoint stores: which schedule, from which base rate, how many steps taken. */
    public record State(@JsonProperty("schedule") LrSchedule schedule, @JsonProperty("base_lr") double baseLr,
            @JsonProperty("last_epoch") long lastEpoch) {
        public State {
            Objects.requireNonNull(schedule, "scheduler state: schedule");
            if (!(baseLr >= 0) || Double.isInfinite(baseLr)) {
                throw new IllegalArgumentException("scheduler state: base_lr must be a finite number >= 0, got " + baseLr);
            }
            if (lastEpoch < 0) {
                throw new IllegalArgumentException("scheduler state: last_epoch must be >= 0, got " + lastEpoch);
            }
        }

        /** Reads {@link #stateJson()}'s output. */
        public static State fromJson(String json) {
            try {
                return JSON.readValue(json, State.class);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("scheduler state is not valid: " + e.getOriginalMessage() + " in "
                        + json, e);
            }
        }
    }

    private final Optimizer optimizer;
    private final LrSchedule schedule;
    private final double baseLr;
    private long epoch;

    public LrScheduler(Optimizer optimizer, LrSchedule schedule) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.baseLr = optimizer.learningRate();
        apply();
    }

    /** Advances one epoch (or batch) and sets the optimiser's learning rate for it. */
    public void step() {
        epoch++;
        apply();
    }

    private void apply() {
        optimizer.setLearningRate(schedule.lr(baseLr, epoch));
    }

    /** Steps taken since construction (PyTorch's {@code last_epoch}). */
    public long lastEpoch() {
        return epoch;
    }

    /** The learning rate this scheduler last set. */
    public double lastLr() {
        return schedule.lr(baseLr, epoch);
    }

    public double baseLr() {
        return baseLr;
    }

    public LrSchedule schedule() {
        return schedule;
    }

    public State state() {
        return new State(schedule, baseLr, epoch);
    }

    /** {@link #state()} as one line of JSON. */
    public String stateJson() {
        try {
            return JSON.writeValueAsString(state());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the scheduler state " + state(), e);
        }
    }

    /**
     * Checks that {@code state} was written by a scheduler like this one (same schedule, same base rate),
     * without changing anything.
     *
     * @throws IllegalArgumentException naming the differing field and both values
     */
    public void requireCompatible(State state) {
        Objects.requireNonNull(state, "state");
        if (!state.schedule().equals(schedule)) {
            throw new IllegalArgumentException("scheduler state is for schedule " + state.schedule()
                    + ", not this scheduler's " + schedule);
        }
        if (Double.compare(state.baseLr(), baseLr) != 0) {
            throw new IllegalArgumentException("scheduler state has base_lr " + state.baseLr()
                    + ", but this scheduler started from " + baseLr);
        }
    }

    /** Restores the epoch of {@code state} and sets the optimiser's rate for it; checks it first. */
    public void loadState(State state) {
        requireCompatible(state);
        epoch = state.lastEpoch();
        apply();
    }

    @Override
    public String toString() {
        return "LrScheduler(" + schedule + ", base_lr=" + baseLr + ", last_epoch=" + epoch + ")";
    }
}

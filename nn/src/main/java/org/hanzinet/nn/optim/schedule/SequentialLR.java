package org.hanzinet.nn.optim.schedule;

import java.util.List;

/**
 * {@code torch.optim.lr_scheduler.SequentialLR}: schedule {@code k} runs from milestone {@code k-1} (0 for the
 * first) to milestone {@code k}, restarted at its own epoch 0 there; every schedule starts from the same base
 * rate. {@link #warmupThen(LinearLR, long, LrSchedule)} chains a linear warm-up and, e.g., a cosine decay:
 * {@code SequentialLR(opt, [LinearLR(opt, 0.1, total_iters=5), CosineAnnealingLR(opt, T_max=20)], milestones=[5])}.
 */
public record SequentialLR(List<LrSchedule> schedules, List<Long> milestones) implements LrSchedule {
    public SequentialLR {
        schedules = List.copyOf(schedules);
        milestones = List.copyOf(milestones);
        if (schedules.isEmpty() || milestones.size() != schedules.size() - 1) {
            throw new IllegalArgumentException("SequentialLR needs one milestone fewer than schedules, got "
                    + schedules.size() + " schedules and milestones " + milestones);
        }
        for (int i = 0; i < milestones.size(); i++) {
            if (milestones.get(i) < 1 || (i > 0 && milestones.get(i) <= milestones.get(i - 1))) {
                throw new IllegalArgumentException("SequentialLR milestones must be increasing and >= 1, got " + milestones);
            }
        }
    }

    /** {@code warmup} for {@code warmupSteps} steps, then {@code then} from its epoch 0. */
    public static SequentialLR warmupThen(LinearLR warmup, long warmupSteps, LrSchedule then) {
        return new SequentialLR(List.of(warmup, then), List.of(warmupSteps));
    }

    @Override
    public double lr(double baseLr, long epoch) {
        int k = 0;
        while (k < milestones.size() && epoch >= milestones.get(k)) { // PyTorch's bisect_right
            k++;
        }
        long start = k == 0 ? 0 : milestones.get(k - 1);
        return schedules.get(k).lr(baseLr, epoch - start);
    }
}

package org.hanzinet.nn.optim.schedule;

/**
 * {@code torch.optim.lr_scheduler.LinearLR}, the usual linear warm-up:
 * {@code lr = baseLr (startFactor + (endFactor - startFactor) min(epoch, totalIters) / totalIters)}, from
 * {@code startFactor baseLr} to {@code endFactor baseLr} in {@code totalIters} steps, constant afterwards.
 * {@link #warmup(double, long)} is PyTorch's {@code LinearLR(opt, start_factor, total_iters=...)}.
 */
public record LinearLR(double startFactor, double endFactor, long totalIters) implements LrSchedule {
    public LinearLR {
        if (!(startFactor > 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("LinearLR start_factor must be in (0, 1], got " + startFactor);
        }
        if (!(endFactor >= 0 && endFactor <= 1)) {
            throw new IllegalArgumentException("LinearLR end_factor must be in [0, 1], got " + endFactor);
        }
        if (totalIters < 1) {
            throw new IllegalArgumentException("LinearLR total_iters must be >= 1, got " + totalIters);
        }
    }

    /** From {@code startFactor baseLr} up to baseLr in {@code totalIters} steps. */
    public static LinearLR warmup(double startFactor, long totalIters) {
        return new LinearLR(startFactor, 1.0, totalIters);
    }

    @Override
    public double lr(double baseLr, long epoch) {
        return baseLr * (startFactor + (endFactor - startFactor) * Math.min(totalIters, epoch) / totalIters);
    }
}

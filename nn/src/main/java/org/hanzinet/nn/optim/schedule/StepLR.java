package org.hanzinet.nn.optim.schedule;

/**
 * {@code torch.optim.lr_scheduler.StepLR}: {@code lr = baseLr * gamma^(epoch / stepSize)} (integer division),
 * i.e. the rate is multiplied by {@code gamma} every {@code stepSize} steps.
 */
public record StepLR(long stepSize, double gamma) implements LrSchedule {
    public StepLR {
        if (stepSize < 1) {
            throw new IllegalArgumentException("StepLR step_size must be >= 1, got " + stepSize);
        }
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("StepLR gamma must be a finite number >= 0, got " + gamma);
        }
    }

    @Override
    public double lr(double baseLr, long epoch) {
        return baseLr * Math.pow(gamma, epoch / stepSize);
    }
}

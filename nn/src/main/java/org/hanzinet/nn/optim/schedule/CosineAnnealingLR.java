package org.hanzinet.nn.optim.schedule;

/**
 * {@code torch.optim.lr_scheduler.CosineAnnealingLR}:
 * {@code lr = etaMin + (baseLr - etaMin) (1 + cos(pi epoch / tMax)) / 2}, from baseLr at 0 down to etaMin at
 * {@code tMax}; past tMax it rises again along the same cosine, as PyTorch's does (no restarts).
 */
public record CosineAnnealingLR(long tMax, double etaMin) implements LrSchedule {
    public CosineAnnealingLR {
        if (tMax < 1) {
            throw new IllegalArgumentException("CosineAnnealingLR T_max must be >= 1, got " + tMax);
        }
        if (!(etaMin >= 0) || Double.isInfinite(etaMin)) {
            throw new IllegalArgumentException("CosineAnnealingLR eta_min must be a finite number >= 0, got " + etaMin);
        }
    }

    @Override
    public double lr(double baseLr, long epoch) {
        return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2;
    }
}

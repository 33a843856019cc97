/**
 * Learning-rate schedules of {@code torch.optim.lr_scheduler} as validated, JSON-serialisable records
 * ({@code StepLR}, {@code CosineAnnealingLR}, {@code LinearLR}, {@code SequentialLR}) and the
 * {@code LrScheduler} that applies one to an optimiser and whose state a checkpoint keeps. A linear warm-up
 * then cosine decay, stepped once per batch:
 * <pre>{@code
 * LrScheduler s = new LrScheduler(opt, SequentialLR.warmupThen(LinearLR.warmup(0.1, 500), 500,
 *         new CosineAnnealingLR(9500, 1e-6)));
 * ... opt.step(); s.step();
 * }</pre>
 */
package org.hanzinet.nn.optim.schedule;

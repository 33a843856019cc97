/**
 * Optimisers with PyTorch's exact update rules ({@code SGD}, {@code Adam}, {@code AdamW}). They own all their state,
 * update parameters in place in fused multi-threaded passes without parameter-sized temporaries, and
 * expose the state under checkpoint names ({@code <param>.momentum_buffer}, {@code <param>.exp_avg},
 * {@code <param>.exp_avg_sq}, {@code step}).
 */
package org.hanzinet.nn.optim;

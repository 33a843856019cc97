/**
 * Optimisers with PyTorch's exact update rules ({@code SGD}, {@code Adam}, {@code AdamW}), built from a
 * module or from named parameters. They own all their state, update parameters in place in fused
 * multi-threaded passes without parameter-sized temporaries, expose the state under checkpoint names
 * ({@code <param>.momentum_buffer}, {@code <param>.exp_avg}, {@code <param>.exp_avg_sq},
 * {@code <param>.max_exp_avg_sq}, {@code step}) and their learning rate for schedules
 * ({@link org.hanzinet.nn.optim.schedule}). {@code GradientClipping} is {@code clip_grad_norm_}.
 */
package org.hanzinet.nn.optim;

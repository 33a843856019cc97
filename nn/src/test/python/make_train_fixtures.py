#!/usr/bin/env python3
"""Training-side PyTorch parity fixtures: Dice and weighted-sum losses, AdamW, learning-rate schedules and
clip_grad_norm_. Part of make_parity_fixtures.py (which calls main() last); runnable alone too:

    /usr/bin/python3 nn/src/test/python/make_train_fixtures.py [outdir]

Seeds are its own (base 5000), so adding fixtures here leaves every other fixture unchanged. PyTorch has no
Dice loss: it is written below with autograd exactly as DiceLoss documents it (the PyTorch-ecosystem form of
segmentation_models_pytorch / MONAI), so the parity proves the hand-written gradient and the reductions.
"""
import json
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixturelib import Fixture  # noqa: E402

torch.set_num_threads(1)
_seed = [5000]


def seeded(name, **config):
    _seed[0] += 1
    torch.manual_seed(_seed[0])
    return Fixture(name, **config)


def dice(p, t, w, per_image, smooth, reduction):
    """1 - (2 sum(w p t) + s) / (sum(w p) + sum(w t) + s), per image (dim 0) or over the whole batch."""
    dims = tuple(range(1, p.dim())) if per_image else tuple(range(p.dim()))
    inter = (w * p * t).sum(dims)
    union = (w * p).sum(dims) + (w * t).sum(dims)
    loss = 1 - (2 * inter + smooth) / (union + smooth)
    if not per_image or reduction == "MEAN":
        return loss.mean()
    if reduction == "SUM":
        return loss.sum()
    counted = (w.reshape(w.shape[0], -1) != 0).any(1).sum()  # MEAN_OVER_NONZERO_WEIGHT
    return loss.sum() / counted


def dice_inputs(fx, logits):
    x = torch.randn(3, 1, 4, 5) * 2 if logits else torch.rand(3, 1, 4, 5)
    x = fx.put_input("input", x)
    t = fx.put_input("target", torch.bernoulli(torch.full((3, 1, 4, 5), 0.3)))
    w = torch.bernoulli(torch.full((3, 1, 4, 5), 0.8))
    w[2] = 0  # the third image is wholly ignored
    return x, t, fx.put_input("weight", w)


def loss_fixture(fx, fn, x):
    x = x.detach().clone().requires_grad_(True)
    loss = fn(x)
    loss.backward()
    fx.put("loss", loss.reshape(1))
    fx.put("grad_input", x.grad)
    fx.save(OUT)


def losses():
    for logits in (False, True):
        for per_image, reduction in ((False, "MEAN"), (True, "MEAN"), (True, "SUM"), (True, "MEAN_OVER_NONZERO_WEIGHT")):
            kind = "logits" if logits else "probs"
            name = f"dice_{kind}_{'image_' + reduction.lower() if per_image else 'batch'}"
            fx = seeded(name, loss="DiceLoss", from_logits=logits, per_image=per_image, smooth=1.0, reduction=reduction)
            x, t, w = dice_inputs(fx, logits)
            loss_fixture(fx, lambda z: dice(torch.sigmoid(z) if logits else z, t, w, per_image, 1.0, reduction), x)
    fx = seeded("dice_logits_batch_smooth_nomask", loss="DiceLoss", from_logits=True, per_image=False, smooth=0.01,
                reduction="MEAN")
    x = fx.put_input("input", torch.randn(2, 1, 3, 3) * 3)
    t = fx.put_input("target", torch.bernoulli(torch.full((2, 1, 3, 3), 0.5)))
    loss_fixture(fx, lambda z: dice(torch.sigmoid(z), t, torch.ones_like(t), False, 0.01, "MEAN"), x)
    # 1.0 * BCEWithLogits(pos_weight, weight=mask) + 0.5 * Dice(logits, mask): the usual text-segmentation loss
    fx = seeded("bce_logits_plus_dice", loss="WeightedSumLoss", bce=1.0, dice=0.5)
    x, t, w = dice_inputs(fx, True)
    pw = fx.put_input("pos_weight", torch.tensor([3.0]).reshape(1, 1, 1))
    loss_fixture(fx, lambda z: 1.0 * F.binary_cross_entropy_with_logits(z, t, weight=w, pos_weight=pw)
                 + 0.5 * dice(torch.sigmoid(z), t, w, False, 1.0, "MEAN"), x)


def adamw(name, steps, lr, b1, b2, eps, wd, amsgrad):
    fx = seeded(name, optimizer="AdamW", lr=lr, beta1=b1, beta2=b2, eps=eps, weight_decay=wd, amsgrad=amsgrad,
                steps=steps)
    params = {"w": fx.put_input("param.0.w", torch.randn(4, 3)).clone().requires_grad_(True),
              "b": fx.put_input("param.0.b", torch.randn(3)).clone().requires_grad_(True)}
    opt = torch.optim.AdamW(list(params.values()), lr=lr, betas=(b1, b2), eps=eps, weight_decay=wd, amsgrad=amsgrad)
    for step in range(1, steps + 1):
        for pn, p in params.items():
            # shrinking gradients late on make amsgrad's running maximum differ from exp_avg_sq
            p.grad = fx.put_input(f"grad.{step}.{pn}", torch.randn(p.shape) * (2.0 if step <= 2 else 0.3))
        opt.step()
        for pn, p in params.items():
            fx.put(f"param.{step}.{pn}", p)
    keys = ["exp_avg", "exp_avg_sq", "step"] + (["max_exp_avg_sq"] if amsgrad else [])
    for pn, p in params.items():
        for k in keys:
            v = opt.state[p][k]
            fx.put(f"state.{pn}.{k}", v.reshape(1) if v.dim() == 0 else v)
    fx.save(OUT)


def optimisers():
    adamw("adamw", 5, 0.01, 0.9, 0.999, 1e-8, 0.05, False)
    adamw("adamw_defaults", 5, 1e-3, 0.9, 0.999, 1e-8, 1e-2, False)
    adamw("adamw_amsgrad", 6, 0.02, 0.8, 0.99, 1e-6, 0.1, True)


def schedule(name, make, steps=25, lr=0.1, **config):
    """The learning rate before the first step and after each of `steps` scheduler steps."""
    fx = seeded(name, lr=lr, steps=steps, **config)
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=lr)
    sched = make(opt)
    lrs = [opt.param_groups[0]["lr"]]
    for _ in range(steps):
        opt.step()
        sched.step()
        lrs.append(opt.param_groups[0]["lr"])
    fx.put("lr", torch.tensor(lrs, dtype=torch.float64))
    fx.save(OUT)


def schedules():
    S = torch.optim.lr_scheduler
    schedule("lr_step", lambda o: S.StepLR(o, step_size=7, gamma=0.5), schedule="StepLR", step_size=7, gamma=0.5)
    schedule("lr_cosine", lambda o: S.CosineAnnealingLR(o, T_max=10, eta_min=0.001), schedule="CosineAnnealingLR",
             t_max=10, eta_min=0.001)
    schedule("lr_linear", lambda o: S.LinearLR(o, start_factor=0.1, end_factor=1.0, total_iters=5),
             schedule="LinearLR", start_factor=0.1, end_factor=1.0, total_iters=5)
    schedule("lr_linear_decay", lambda o: S.LinearLR(o, start_factor=1.0, end_factor=0.25, total_iters=12),
             schedule="LinearLR", start_factor=1.0, end_factor=0.25, total_iters=12, lr=0.05)
    schedule("lr_warmup_cosine", lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.1, total_iters=5),
                                                              S.CosineAnnealingLR(o, T_max=20, eta_min=1e-4)],
                                                          milestones=[5]),
             schedule="SequentialLR", start_factor=0.1, end_factor=1.0, total_iters=5, milestone=5, t_max=20,
             eta_min=1e-4)


def clip(name, max_norm, scale):
    fx = seeded(name, max_norm=max_norm)
    shapes = {"a": (3, 4), "b": (4,), "c": (2, 2, 3)}
    grads = {}
    for n, s in shapes.items():
        grads[n] = fx.put_input(f"grad.{n}", torch.randn(s) * scale)
    params = []
    for n, s in shapes.items():
        p = torch.zeros(s, requires_grad=True)
        p.grad = grads[n].clone()
        params.append(p)
    total = torch.nn.utils.clip_grad_norm_(params, max_norm)
    fx.put("total_norm", total.reshape(1))
    for n, p in zip(shapes, params):
        fx.put(f"clipped.{n}", p.grad)
    fx.save(OUT)


def clips():
    clip("clip_grad_norm", 1.0, 1.0)
    clip("clip_grad_norm_noclip", 100.0, 1.0)
    clip("clip_grad_norm_tiny", 0.05, 0.01)


def main(out):
    global OUT
    OUT = out
    os.makedirs(OUT, exist_ok=True)
    losses()
    optimisers()
    schedules()
    clips()


OUT = None
if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "nn/src/test/resources/parity")

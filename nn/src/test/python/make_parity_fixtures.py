#!/usr/bin/env python3
"""Writes the PyTorch parity fixtures of hanzinet's nn module (nn/src/test/resources/parity/*.safetensors).

Run from the repository root with Debian's PyTorch:  /usr/bin/python3 nn/src/test/python/make_parity_fixtures.py
Deterministic (torch.manual_seed per fixture); the committed fixtures are its output, so the Java tests need
no Python. Every fixture holds the inputs, the weights, the upstream gradient (given explicitly), and
PyTorch's outputs and gradients; its __metadata__ 'config' says which layer and settings. Large tensors are
generated from a seed on both sides or sampled (see fixturelib.py), keeping all fixtures small.
"""
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixturelib import STORE_MAX, Fixture  # noqa: E402

torch.set_num_threads(1)
OUT = sys.argv[1] if len(sys.argv) > 1 else "nn/src/test/resources/parity"
_seed = [1000]


def seeded(name, **config):
    _seed[0] += 1
    torch.manual_seed(_seed[0])
    return Fixture(name, **config)


def weight(fx, name, shape, fan_in):
    """Stored when small (torch's default init range), generated when large."""
    bound = 1.0 / math.sqrt(fan_in)
    n = math.prod(shape)
    if n > STORE_MAX:
        _seed[0] += 1
        return fx.gen(name, "sym", _seed[0] * 7919, shape, bound).requires_grad_(True)
    t = (torch.rand(shape) * 2 - 1) * bound
    return fx.put_input(name, t).requires_grad_(True)


def run_layer(fx, fn, x, params):
    """Forward, backward with an explicit upstream gradient, and store everything PyTorch computed."""
    x = x.detach().requires_grad_(True)
    out = fn(x)
    if out.numel() <= STORE_MAX:
        g = fx.put_input("grad_output", torch.randn(out.shape))
    else:
        g = fx.gen("grad_output", "sym", _seed[0] * 31, list(out.shape), 1.0)
    out.backward(g)
    fx.put("output", out)
    fx.put("grad_input", x.grad)
    for name, p in params.items():
        fx.put("grad_" + name, p.grad)
    fx.save(OUT)


def conv(name, cin, cout, k, s, p, bias, n, h, w):
    fx = seeded(name, layer="Conv2d", in_channels=cin, out_channels=cout, kernel=k, stride=s, padding=p,
                bias=bias)
    x = fx.put_input("input", torch.randn(n, cin, h, w))
    params = {"weight": weight(fx, "weight", [cout, cin, k, k], cin * k * k)}
    if bias:
        params["bias"] = weight(fx, "bias", [cout], cin * k * k)
    run_layer(fx, lambda t: F.conv2d(t, params["weight"], params.get("bias"), stride=s, padding=p), x, params)


def convs():
    conv("conv2d_k3_s1_p1", 3, 4, 3, 1, 1, True, 2, 7, 9)
    conv("conv2d_k3_s2_p0", 3, 2, 3, 2, 0, True, 2, 9, 8)
    conv("conv2d_k5_s2_p2_1ch", 1, 3, 5, 2, 2, True, 1, 11, 10)
    conv("conv2d_k1_1ch", 1, 1, 1, 1, 0, True, 3, 5, 4)
    conv("conv2d_k3_p2_nobias", 3, 3, 3, 1, 2, False, 1, 6, 7)
    conv("conv2d_k4_s2_p1_even", 3, 5, 4, 2, 1, True, 2, 8, 8)
    conv("conv2d_k5_p0_1x1out", 3, 2, 5, 1, 0, True, 1, 5, 5)
    conv("conv2d_k3_s2_p1_odd", 2, 3, 3, 2, 1, True, 1, 7, 7)
    # each reference-model convolution at reduced spatial size
    conv("conv2d_m1_conv1", 3, 3, 5, 1, 0, True, 2, 16, 16)
    conv("conv2d_m1_conv2", 3, 16, 5, 1, 0, True, 2, 13, 13)
    conv("conv2d_m2_conv1", 3, 3, 5, 1, 2, True, 2, 16, 16)
    conv("conv2d_m2_conv2", 3, 128, 5, 1, 2, True, 1, 8, 8)
    conv("conv2d_m2_conv3", 128, 64, 5, 1, 2, True, 1, 6, 6)
    conv("conv2d_m2_conv4", 64, 32, 5, 1, 2, True, 1, 6, 6)


def elementwise():
    fx = seeded("relu", layer="ReLU")
    x = torch.randn(2, 3, 4, 5)
    x.view(-1)[::7] = 0.0  # exact zeros: PyTorch's gradient there is 0
    run_layer(fx, F.relu, fx.put_input("input", x), {})
    fx = seeded("sigmoid", layer="Sigmoid")
    x = torch.randn(3, 11) * 4
    x[0, :6] = torch.tensor([-100.0, -30.0, -17.5, 0.0, 30.0, 100.0])
    run_layer(fx, torch.sigmoid, fx.put_input("input", x), {})
    fx = seeded("flatten", layer="Flatten")
    run_layer(fx, lambda t: torch.flatten(t, 1), fx.put_input("input", torch.randn(2, 3, 4, 5)), {})


def maxpools():
    cases = [("maxpool2d_k2_s2", 2, 2, torch.randn(2, 3, 8, 8)),
             ("maxpool2d_k2_s2_odd", 2, 2, torch.randn(1, 2, 7, 9)),
             ("maxpool2d_k2_s2_ties", 2, 2, torch.randint(0, 3, (2, 2, 6, 6)).float()),
             ("maxpool2d_k3_s2", 3, 2, torch.randn(1, 2, 9, 8)),
             ("maxpool2d_k2_s1_overlap_ties", 2, 1, torch.randint(0, 2, (1, 2, 5, 5)).float()),
             ("maxpool2d_k2_s2_relu_zeros", 2, 2, F.relu(torch.randn(1, 3, 6, 6)))]
    for name, k, s, x in cases:
        fx = seeded(name, layer="MaxPool2d", kernel=k, stride=s)
        run_layer(fx, lambda t, k=k, s=s: F.max_pool2d(t, k, s), fx.put_input("input", x), {})


def linears():
    for name, fin, fout, n, bias in [("linear_5_3", 5, 3, 4, True), ("linear_1_1", 1, 1, 1, True),
                                     ("linear_13_7_nobias", 13, 7, 2, False),
                                     ("linear_m1_fc2", 253, 120, 5, True), ("linear_m1_fc3", 120, 64, 5, True)]:
        fx = seeded(name, layer="Linear", in_features=fin, out_features=fout, bias=bias)
        x = fx.put_input("input", torch.randn(n, fin))
        params = {"weight": weight(fx, "weight", [fout, fin], fin)}
        if bias:
            params["bias"] = weight(fx, "bias", [fout], fin)
        run_layer(fx, lambda t: F.linear(t, params["weight"], params.get("bias")), x, params)


def dropouts():
    for name, p, shape in [("dropout_p03", 0.3, (4, 50)), ("dropout_p05", 0.5, (3, 2, 7))]:
        fx = seeded(name, layer="Dropout", p=p)
        x = fx.put_input("input", torch.randn(*shape))
        mask = fx.put_input("mask", torch.bernoulli(torch.full(shape, 1 - p)))
        # PyTorch's own dropout: noise = bernoulli(1 - p) / (1 - p); out = x * noise
        run_layer(fx, lambda t: t * (mask / (1 - p)), x, {})


def upsamples():
    for name, n, c, lin, size in [("upsample_nearest1d_64_to_16384", 1, 1, 64, 128 * 128),
                                  ("upsample_nearest1d_20_to_16384", 2, 1, 20, 128 * 128),
                                  ("upsample_nearest1d_7_to_10", 2, 3, 7, 10),
                                  ("upsample_nearest1d_3_to_17", 1, 2, 3, 17),
                                  ("upsample_nearest1d_10_to_4_down", 1, 2, 10, 4),
                                  ("upsample_nearest1d_13_to_1000", 1, 1, 13, 1000),
                                  ("upsample_nearest1d_5_to_5", 1, 1, 5, 5)]:
        fx = seeded(name, layer="UpsampleNearest1d", size=size)
        up = nn.Upsample(size=size, mode="nearest")
        run_layer(fx, up, fx.put_input("input", torch.randn(n, c, lin)), {})
    for name, shape, oh, ow in [("upsample_bilinear2d_4x5_to_8x10", (1, 2, 4, 5), 8, 10),
                                ("upsample_bilinear2d_3x3_to_7x5", (2, 1, 3, 3), 7, 5),
                                ("upsample_bilinear2d_9x7_to_4x3_down", (1, 1, 9, 7), 4, 3),
                                ("upsample_bilinear2d_8x8_to_128x128", (1, 1, 8, 8), 128, 128),
                                ("upsample_bilinear2d_1x1_to_3x2", (1, 2, 1, 1), 3, 2)]:
        fx = seeded(name, layer="UpsampleBilinear2d", out_h=oh, out_w=ow)
        up = nn.Upsample(size=(oh, ow), mode="bilinear", align_corners=False)
        run_layer(fx, up, fx.put_input("input", torch.randn(*shape)), {})


def loss_fixture(fx, loss_fn, x):
    x = x.detach().requires_grad_(True)
    loss = loss_fn(x)
    loss.backward()
    fx.put("loss", loss.reshape(1))
    fx.put("grad_input", x.grad)
    fx.save(OUT)


def losses():
    fx = seeded("bce", loss="BCELoss")
    p = fx.put_input("input", torch.rand(4, 10) * 0.98 + 0.01)
    t = fx.put_input("target", torch.bernoulli(torch.full((4, 10), 0.4)))
    t[0, :5] = torch.tensor([0.25, 0.5, 0.75, 0.1, 0.9])  # soft targets too
    loss_fixture(fx, lambda x: F.binary_cross_entropy(x, t), p)
    fx = seeded("bce_edges", loss="BCELoss")
    p = fx.put_input("input", torch.tensor([[0.0, 0.0, 1.0, 1.0, 0.0, 1.0]]))
    t = fx.put_input("target", torch.tensor([[0.0, 1.0, 0.0, 1.0, 0.5, 0.5]]))
    loss_fixture(fx, lambda x: F.binary_cross_entropy(x, t), p)
    fx = seeded("bce_exact_hits", loss="BCELoss")  # p exactly 0 or 1 where the target agrees: finite
    p = fx.put_input("input", torch.tensor([[0.0, 1.0, 0.3, 0.0, 1.0, 0.8]]))
    t = fx.put_input("target", torch.tensor([[0.0, 1.0, 1.0, 0.0, 1.0, 0.0]]))
    loss_fixture(fx, lambda x: F.binary_cross_entropy(x, t), p)
    for name, pw in [("bce_logits", None), ("bce_logits_pos_weight_scalar", torch.tensor([2.5])),
                     ("bce_logits_pos_weight_per_class", torch.tensor([0.5, 1.0, 2.0, 3.0, 4.0, 0.25]))]:
        fx = seeded(name, loss="BCEWithLogitsLoss", pos_weight=pw is not None)
        x = torch.randn(4, 6) * 3
        x[0] = torch.tensor([-100.0, -30.0, 0.0, 30.0, 100.0, 1e-3])
        x = fx.put_input("input", x)
        t = fx.put_input("target", torch.bernoulli(torch.full((4, 6), 0.5)))
        t[1, :3] = torch.tensor([0.2, 0.5, 0.9])
        if pw is not None:
            fx.put_input("pos_weight", pw)
        loss_fixture(fx, lambda z: F.binary_cross_entropy_with_logits(z, t, pos_weight=pw), x)
    fx = seeded("bce_weighted", loss="BCELoss", reduction="mean")  # weight 0 marks ignored pixels
    p = fx.put_input("input", torch.rand(3, 8) * 0.98 + 0.01)
    t = fx.put_input("target", torch.bernoulli(torch.full((3, 8), 0.4)))
    w = fx.put_input("weight", torch.bernoulli(torch.full((3, 8), 0.7)) * (torch.rand(3, 8) + 0.5))
    loss_fixture(fx, lambda x: F.binary_cross_entropy(x, t, weight=w), p)


def optimiser_fixture(name, make_opt, state_keys, **config):
    fx = seeded(name, **config)
    params = {"w": fx.put_input("param.0.w", torch.randn(4, 3)).clone().requires_grad_(True),
              "b": fx.put_input("param.0.b", torch.randn(3)).clone().requires_grad_(True)}
    opt = make_opt(list(params.values()))
    for step in range(1, 4):
        for pn, p in params.items():
            p.grad = fx.put_input(f"grad.{step}.{pn}", torch.randn(p.shape))
        opt.step()
        for pn, p in params.items():
            fx.put(f"param.{step}.{pn}", p)
    for pn, p in params.items():
        for k in state_keys:
            v = opt.state[p][k]
            fx.put(f"state.{pn}.{k}", v.reshape(1) if v.dim() == 0 else v)
    fx.save(OUT)


def optimisers():
    for name, mom, wd, nest in [("sgd_plain", 0.0, 0.0, False), ("sgd_momentum", 0.9, 0.0, False),
                                ("sgd_momentum_wd", 0.9, 0.01, False), ("sgd_nesterov", 0.9, 0.0, True),
                                ("sgd_nesterov_wd", 0.9, 0.05, True)]:
        keys = ["momentum_buffer"] if mom > 0 else []
        optimiser_fixture(name, lambda ps, mom=mom, wd=wd, nest=nest: torch.optim.SGD(
            ps, lr=0.1, momentum=mom, weight_decay=wd, nesterov=nest), keys,
            optimizer="SGD", lr=0.1, momentum=mom, weight_decay=wd, nesterov=nest)
    for name, lr, b1, b2, eps, wd in [("adam", 0.01, 0.9, 0.999, 1e-8, 0.0),
                                      ("adam_wd", 0.01, 0.9, 0.999, 1e-8, 0.05),
                                      ("adam_betas_eps", 0.05, 0.8, 0.99, 1e-3, 0.0)]:
        optimiser_fixture(name, lambda ps, lr=lr, b1=b1, b2=b2, eps=eps, wd=wd: torch.optim.Adam(
            ps, lr=lr, betas=(b1, b2), eps=eps, weight_decay=wd), ["exp_avg", "exp_avg_sq", "step"],
            optimizer="Adam", lr=lr, beta1=b1, beta2=b2, eps=eps, weight_decay=wd)


def generator_check():
    """The shared generator's values stored beside their recipes, so Java can prove it regenerates them."""
    fx = seeded("generator_check", note="det_tensor self-check")
    for kind, seed, param in [("unit", 5, 1.0), ("sym", 2**63 + 12345, 0.0086), ("bernoulli", 77, 0.2)]:
        t = fx.gen("gen_" + kind, kind, seed, [3, 1000], param)
        fx.put_input("stored_" + kind, t)
    big = torch.arange(50000, dtype=torch.float32).reshape(2, 25000)
    fx.put("sampled_arange", big)  # sampled: Java recomputes the indices
    fx.save(OUT)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    generator_check()
    convs()
    elementwise()
    maxpools()
    linears()
    dropouts()
    upsamples()
    losses()
    optimisers()
    import make_model_fixtures  # noqa: E402
    make_model_fixtures.main(OUT)
    import make_norm_fixtures  # noqa: E402
    make_norm_fixtures.main(OUT)
    import make_train_fixtures  # noqa: E402
    make_train_fixtures.main(OUT)

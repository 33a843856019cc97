#!/usr/bin/env python3
"""PyTorch parity fixtures of BatchNorm2d, LeakyReLU and Tanh, and a PyTorch-written state_dict with
BatchNorm buffers (num_batches_tracked as int64). Called by make_parity_fixtures.py (the one entry point);
runs alone too, with the same output, since every fixture seeds torch itself:

    /usr/bin/python3 nn/src/test/python/make_norm_fixtures.py [outdir]

BatchNorm fixtures run a sequence of steps ("train" or "eval") on one module: step k stores input.k and
grad_output.k (given), and PyTorch's output.k, grad_input.k, grad_weight.k, grad_bias.k (gradients zeroed
before each step), running_mean.k, running_var.k and num_batches_tracked.k (as float) after it; the
initial weight, bias and running statistics are stored as weight, bias, running_mean.0, running_var.0.
"""
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixturelib import Fixture, write_safetensors  # noqa: E402


def batchnorm(out, name, seed, shape, steps, eps=1e-5, momentum=0.1, affine=True, track=True, offset=0.0,
              spread=1.0, running=False, generated=False):
    torch.manual_seed(seed)
    n, c, h, w = shape
    fx = Fixture(name, layer="BatchNorm2d", num_features=c, eps=eps, momentum=momentum, affine=affine,
                 track_running_stats=track, steps=steps, offset=offset)
    bn = nn.BatchNorm2d(c, eps=eps, momentum=momentum, affine=affine, track_running_stats=track)
    with torch.no_grad():
        if affine:
            bn.weight.copy_(fx.put_input("weight", torch.rand(c) + 0.5))
            bn.bias.copy_(fx.put_input("bias", torch.randn(c) * 0.5))
        if track:
            if running:  # non-default running statistics, so evaluation is not the identity
                bn.running_mean.copy_(torch.randn(c) * 0.3 + offset)
                bn.running_var.copy_(torch.rand(c) * spread ** 2 + 0.5 * spread ** 2)
            fx.put_input("running_mean.0", bn.running_mean)
            fx.put_input("running_var.0", bn.running_var)
    for k, mode in enumerate(steps, start=1):
        bn.train(mode == "train")
        if generated:  # large: regenerated on the Java side from the recipe, plus the offset (float32 add)
            x = fx.gen(f"input.{k}", "sym", seed * 100 + k, list(shape), spread) + offset
            g = fx.gen(f"grad_output.{k}", "sym", seed * 100 + 50 + k, list(shape), 1.0)
        else:
            x = fx.put_input(f"input.{k}", torch.randn(*shape) * spread + offset)
            g = fx.put_input(f"grad_output.{k}", torch.randn(*shape))
        x = x.detach().requires_grad_(True)
        bn.zero_grad()
        y = bn(x)
        y.backward(g)
        fx.put(f"output.{k}", y)
        fx.put(f"grad_input.{k}", x.grad)
        if affine:
            fx.put(f"grad_weight.{k}", bn.weight.grad)
            fx.put(f"grad_bias.{k}", bn.bias.grad)
        if track:
            fx.put(f"running_mean.{k}", bn.running_mean)
            fx.put(f"running_var.{k}", bn.running_var)
            fx.put(f"num_batches_tracked.{k}", bn.num_batches_tracked.reshape(1).float())
    fx.save(out)


def batchnorms(out):
    batchnorm(out, "batchnorm2d_train_train_eval", 2001, (2, 3, 5, 4), ["train", "train", "eval"])
    batchnorm(out, "batchnorm2d_eval", 2002, (2, 3, 4, 6), ["eval", "eval"], running=True)
    batchnorm(out, "batchnorm2d_n1", 2003, (1, 2, 3, 4), ["train", "eval"])
    batchnorm(out, "batchnorm2d_c1", 2004, (3, 1, 6, 6), ["train", "eval"])
    batchnorm(out, "batchnorm2d_7x5", 2005, (2, 4, 7, 5), ["train", "train", "eval"], eps=1e-3, momentum=0.3)
    batchnorm(out, "batchnorm2d_hw1", 2006, (5, 3, 1, 1), ["train", "eval"])
    batchnorm(out, "batchnorm2d_no_affine", 2007, (2, 3, 5, 5), ["train", "eval"], affine=False)
    batchnorm(out, "batchnorm2d_no_tracking", 2008, (2, 3, 4, 5), ["train", "eval"], track=False)
    batchnorm(out, "batchnorm2d_cumulative", 2009, (2, 2, 4, 4), ["train", "train", "train", "eval"], momentum=None)
    # a mean far from zero against the spread: a naive sum of squares would lose every digit here
    batchnorm(out, "batchnorm2d_offset", 2010, (2, 3, 8, 8), ["train", "eval"], offset=300.0, spread=0.05,
              running=True)
    # large: generated input, sampled results (several vector blocks per plane, planes of 64 x 64)
    batchnorm(out, "batchnorm2d_large", 2011, (8, 4, 64, 64), ["train", "eval"], offset=2.0, generated=True)


def activation(out, name, seed, fn, x, **config):
    torch.manual_seed(seed)
    fx = Fixture(name, **config)
    x = fx.put_input("input", x).detach().requires_grad_(True)
    y = fn(x)
    g = fx.put_input("grad_output", torch.randn(y.shape))
    y.backward(g)
    fx.put("output", y)
    fx.put("grad_input", x.grad)
    fx.save(out)


def activations(out):
    torch.manual_seed(2100)
    x = torch.randn(2, 3, 4, 5) * 2
    x.view(-1)[::7] = 0.0  # exact zeros: PyTorch's gradient there is the slope
    activation(out, "leaky_relu", 2101, nn.LeakyReLU(), x, layer="LeakyReLU", negative_slope=0.01)
    activation(out, "leaky_relu_02", 2102, nn.LeakyReLU(0.2), torch.randn(3, 37), layer="LeakyReLU",
               negative_slope=0.2)
    x = torch.randn(3, 41) * 3
    x[0, :8] = torch.tensor([-100.0, -9.0, -0.624, 0.0, 1e-6, 0.626, 9.0, 100.0])
    activation(out, "tanh", 2103, nn.Tanh(), x, layer="Tanh")


class ConvBnRelu(nn.Sequential):
    def __init__(self):
        super().__init__(nn.Conv2d(3, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU())


def bn_state_dict(out):
    """Sequential(Conv2d, BatchNorm2d, ReLU) trained three SGD steps (running statistics and
    num_batches_tracked = 3), its state_dict written as safetensors with num_batches_tracked as I64 and no
    metadata, plus the io fixture: an input and the model's outputs in eval and in train mode."""
    torch.manual_seed(2200)
    model = ConvBnRelu()
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(3):
        opt.zero_grad()
        model(torch.randn(4, 3, 6, 5) * 2 + 1).square().mean().backward()
        opt.step()
    state = model.state_dict()
    assert state["1.num_batches_tracked"].dtype == torch.int64 and int(state["1.num_batches_tracked"]) == 3
    write_safetensors(f"{out}/bn_state_dict.safetensors", state, None)
    fx = Fixture("bn_state_dict_io", note="Sequential(Conv2d(3, 4, 3, padding=1), BatchNorm2d(4), ReLU()) "
                                          "of bn_state_dict.safetensors")
    x = fx.put_input("input", torch.randn(2, 3, 6, 5) * 2 + 1)
    with torch.no_grad():
        model.eval()
        fx.put("output_eval", model(x))
        model.train()
        fx.put("output_train", model(x))
        fx.put("running_mean_after_train", model[1].running_mean)
        fx.put("running_var_after_train", model[1].running_var)
    fx.save(out)


def main(out):
    batchnorms(out)
    activations(out)
    bn_state_dict(out)


if __name__ == "__main__":
    torch.set_num_threads(1)
    OUT = sys.argv[1] if len(sys.argv) > 1 else "nn/src/test/resources/parity"
    os.makedirs(OUT, exist_ok=True)
    main(OUT)

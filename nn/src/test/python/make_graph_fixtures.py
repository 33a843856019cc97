#!/usr/bin/env python3
"""PyTorch parity fixtures of graph networks (nodes with several inputs, fan-out, torch.cat and +).
Called by make_parity_fixtures.py (the one entry point); runs alone too, with the same output, since every
fixture seeds torch itself:

    /usr/bin/python3 nn/src/test/python/make_graph_fixtures.py [outdir]

graph_small: conv -> ReLU -> two branches -> cat -> 1x1 conv -> + the ReLU output (which thus feeds three
consumers: its gradients are summed). Stores the input, every parameter under its state_dict name, the
upstream gradient grad_output (given), and PyTorch's output, grad_input and grad.<param>.

unet_train / unet_eval: the small U-Net of issue 10 (4 levels of widths 4-8-16-32, blocks of
conv3x3-BatchNorm-ReLU twice, max-pool down, bilinear up + cat skips, 1x1 head) on [2, 3, 32, 32]: the
initial state_dict (BatchNorm weights, biases and running statistics made non-default; stored once, in
unet_train, as both start from it), input and 0/1 target; PyTorch's logits (output), BCE-with-logits loss, grad_input, grad.<param>, the running statistics
after the forward (after.<buffer>) and the parameters after one Adam step (updated.<param>), in training
and in evaluation mode. unet_state_dict.safetensors is that U-Net's state_dict after the training step,
written by PyTorch's side (num_batches_tracked as int64), with unet_state_dict_io holding an input and the
evaluation-mode logits.
"""
from collections import OrderedDict
import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixturelib import Fixture, write_safetensors  # noqa: E402
import torch.nn.functional as F  # noqa: E402


class SmallGraph(nn.Module):
    """The Java test builds the same graph: nodes stem, relu, branch.0 (Sequential conv, ReLU), branch.1,
    cat, mix, sum."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 4, 3, padding=1)
        self.branch = nn.ModuleList([nn.Sequential(nn.Conv2d(4, 2, 3, padding=1), nn.ReLU()), nn.Conv2d(4, 3, 1)])
        self.mix = nn.Conv2d(5, 4, 1)

    def forward(self, x):
        s = torch.relu(self.stem(x))
        c = torch.cat([self.branch[0](s), self.branch[1](s)], 1)
        return self.mix(c) + s


def graph_small(out):
    torch.manual_seed(7001)
    fx = Fixture("graph_small", model="SmallGraph", input=[2, 3, 6, 5])
    model = SmallGraph()
    for name, p in model.named_parameters():
        fx.put_input(name, p)
    x = fx.put_input("input", torch.randn(2, 3, 6, 5)).requires_grad_(True)
    y = model(x)
    g = fx.put_input("grad_output", torch.randn(y.shape))
    y.backward(g)
    fx.put("output", y)
    fx.put("grad_input", x.grad)
    for name, p in model.named_parameters():
        fx.put("grad." + name, p.grad)
    fx.save(out)


def block(cin, cout):
    """Convolutions without bias: the BatchNorm after each removes any per-channel constant, so a bias there
    would get an exactly-zero gradient in training (PyTorch's and ours are both rounding noise)."""
    return nn.Sequential(OrderedDict([
        ("conv1", nn.Conv2d(cin, cout, 3, padding=1, bias=False)), ("bn1", nn.BatchNorm2d(cout)), ("relu1", nn.ReLU()),
        ("conv2", nn.Conv2d(cout, cout, 3, padding=1, bias=False)), ("bn2", nn.BatchNorm2d(cout)), ("relu2", nn.ReLU())]))


class UNet(nn.Module):
    """down.0..3 with max-pool between, up.0..2 each after a bilinear up-sampling to the skip's size and a
    cat [up-sampled, skip], head 1x1. The Java test writes the same graph as a GraphConfig."""

    def __init__(self, widths=(4, 8, 16, 32)):
        super().__init__()
        w = widths
        self.down = nn.ModuleList([block(3, w[0])] + [block(w[i - 1], w[i]) for i in range(1, len(w))])
        self.up = nn.ModuleList([block(w[i] + w[i - 1], w[i - 1]) for i in range(len(w) - 1, 0, -1)])
        self.head = nn.Conv2d(w[0], 1, 1)

    def forward(self, x):
        skips = []
        for i, d in enumerate(self.down):
            x = d(x if i == 0 else F.max_pool2d(x, 2))
            skips.append(x)
        for i, u in enumerate(self.up):
            skip = skips[-2 - i]
            x = F.interpolate(x, size=skip.shape[2:], mode="bilinear", align_corners=False)
            x = u(torch.cat([x, skip], 1))
        return self.head(x)


def unet(seed):
    """A U-Net whose BatchNorm affine parameters and running statistics are not the defaults."""
    torch.manual_seed(seed)
    model = UNet()
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.weight.copy_(torch.rand(m.num_features) + 0.5)
                m.bias.copy_(torch.randn(m.num_features) * 0.1)
                m.running_mean.copy_(torch.randn(m.num_features) * 0.1)
                m.running_var.copy_(torch.rand(m.num_features) + 0.5)
    return model


def unet_step(out, name, train):
    model = unet(7100)
    torch.manual_seed(7101)
    fx = Fixture(name, model="UNet", widths=[4, 8, 16, 32], input=[2, 3, 32, 32], mode="train" if train else "eval",
                 loss="BCEWithLogitsLoss", optimizer="Adam", lr=1e-3)
    if train:  # both start from this state; unet_eval reads it from unet_train (keeps the files small)
        for k, v in model.state_dict().items():
            if not k.endswith("num_batches_tracked"):
                fx.put_input(k, v)
    x = fx.put_input("input", torch.randn(2, 3, 32, 32)).requires_grad_(True)
    target = fx.put_input("target", torch.bernoulli(torch.full((2, 1, 32, 32), 0.3)))
    model.train(train)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    logits = model(x)
    loss = F.binary_cross_entropy_with_logits(logits, target)
    loss.backward()
    fx.put("output", logits)
    fx.put("loss", loss.detach().reshape(1))
    fx.put("grad_input", x.grad)
    for k, p in model.named_parameters():
        fx.put("grad." + k, p.grad)
    for k, b in model.named_buffers():
        fx.put("after." + k, b.float())
    opt.step()
    for k, p in model.named_parameters():
        fx.put("updated." + k, p)
    fx.save(out)
    return model


def unet_state_dict(out, model):
    write_safetensors(f"{out}/unet_state_dict.safetensors", model.state_dict(), {"format": "pt"})
    torch.manual_seed(7102)
    fx = Fixture("unet_state_dict_io", note="U-Net of unet_state_dict.safetensors, evaluation mode")
    x = fx.put_input("input", torch.randn(2, 3, 32, 32))
    model.eval()
    with torch.no_grad():
        fx.put("output", model(x))
    fx.save(out)


def main(out):
    torch.set_num_threads(1)
    graph_small(out)
    unet_step(out, "unet_eval", False)
    unet_state_dict(out, unet_step(out, "unet_train", True))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "nn/src/test/resources/parity")

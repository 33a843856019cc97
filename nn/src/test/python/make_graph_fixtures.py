#!/usr/bin/env python3
"""PyTorch parity fixtures of graph networks (nodes with several inputs, fan-out, torch.cat and +).
Called by make_parity_fixtures.py (the one entry point); runs alone too, with the same output, since every
fixture seeds torch itself:

    /usr/bin/python3 nn/src/test/python/make_graph_fixtures.py [outdir]

graph_small: conv -> ReLU -> two branches -> cat -> 1x1 conv -> + the ReLU output (which thus feeds three
consumers: its gradients are summed). Stores the input, every parameter under its state_dict name, the
upstream gradient grad_output (given), and PyTorch's output, grad_input and grad.<param>.
"""
import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixturelib import Fixture  # noqa: E402


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


def main(out):
    torch.set_num_threads(1)
    graph_small(out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "nn/src/test/resources/parity")

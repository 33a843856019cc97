#!/usr/bin/python3
"""PyTorch side of the side-by-side comparison: runs ONE configuration and prints one JSON line.

Started by ../scripts/side_by_side.py, once per configuration and allocator, so that each process's
peak RSS (VmHWM) belongs to that configuration alone. Cases and FLOP counts mirror the Java driver
org.hanzinet.benchmarks.sidebyside.SideBySide; the shared definitions are in cases.py.

  /usr/bin/python3 benchmarks/python/torch_worker.py --case m2_conv3 --mode fwdbwd --size 512 \
      --warmup 2 --reps 5 --threads 2

Modes: fwd (conv forward under no_grad), fwdbwd (conv forward + backward with input and weight
gradients), train (model forward, BCE, backward, optimiser step; model1 = SGD(0.005, 0.9) at batch 5,
model2 = Adam(0.001) at batch 3, as in the reference notebooks; unet = the examples' U-Net, BCE-with-logits
(pos_weight 3) + soft Dice, AdamW(0.001, weight_decay 1e-4) at batch 8, as `train --model unet`).
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cases  # noqa: E402


def vm_hwm_kb():
    """Peak resident set size of this process, from /proc/self/status (kB)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


class Model1(nn.Module):
    """ChineseChar: 2 convs, 3 Linears, 1-D nearest up-sampling of 64 values to the image."""

    def __init__(self, size):
        super().__init__()
        s = ((size - 4) // 2 - 4) // 2
        self.features = nn.Sequential(
            nn.Conv2d(3, 3, 5), nn.ReLU(), nn.MaxPool2d(2, 2),
            nn.Conv2d(3, 16, 5), nn.ReLU(), nn.MaxPool2d(2, 2), nn.Flatten())
        self.head = nn.Sequential(
            nn.Linear(16 * s * s, 253), nn.ReLU(), nn.Linear(253, 120), nn.ReLU(),
            nn.Linear(120, 64), nn.Sigmoid())
        self.up = nn.Upsample(size=size * size)
        self.size = size

    def forward(self, x):
        y = self.head(self.features(x))                  # [N, 64]
        y = self.up(y.unsqueeze(1))                       # [N, 1, H*W]
        return y.view(x.shape[0], 1, self.size, self.size)


class Model2(nn.Module):
    """ConvNet: 4 convs with padding 2, dropout, Linear to 20 values, 1-D up-sampling to the image."""

    def __init__(self, size):
        super().__init__()
        layers = []
        for cin, cout in ((3, 3), (3, 128), (128, 64), (64, 32)):
            layers += [nn.Conv2d(cin, cout, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2, 2)]
        self.features = nn.Sequential(*layers, nn.Flatten(), nn.Dropout(0.5))
        self.head = nn.Sequential(nn.Linear(32 * (size // 16) ** 2, 20), nn.Sigmoid())
        self.up = nn.Upsample(size=size * size)
        self.size = size

    def forward(self, x):
        y = self.head(self.features(x))                   # [N, 20]
        y = self.up(y.unsqueeze(1))                       # [N, 1, H*W]
        return y.view(x.shape[0], 1, self.size, self.size)


class UNet(nn.Module):
    """The examples' U-Net: (conv3x3 no bias, BatchNorm, ReLU) x 2 per block, max-pool down, bilinear x2 up +
    concat skip, 1x1 head to one logit per pixel; widths cases.UNET_WIDTHS."""

    def __init__(self, widths=cases.UNET_WIDTHS):
        super().__init__()

        def block(cin, cout):
            return nn.Sequential(
                nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
                nn.Conv2d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))
        self.down = nn.ModuleList(block(3 if i == 0 else widths[i - 1], w) for i, w in enumerate(widths))
        self.up = nn.ModuleList(block(widths[i + 1] + widths[i], widths[i]) for i in range(len(widths) - 2, -1, -1))
        self.head = nn.Conv2d(widths[0], 1, 1)

    def forward(self, x):
        skips = []
        for i, block in enumerate(self.down):
            x = block(x if i == 0 else nn.functional.max_pool2d(x, 2))
            skips.append(x)
        for j, block in enumerate(self.up):
            x = nn.functional.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False)
            x = block(torch.cat([x, skips[-2 - j]], 1))
        return self.head(x)


def dice_on_logits(logits, target):
    """Soft Dice over the whole batch, smooth 1 (hanzinet's DiceLoss.Config.of(true))."""
    p = torch.sigmoid(logits)
    return 1 - (2 * (p * target).sum() + 1) / (p.sum() + target.sum() + 1)


def unet_step(size):
    batch = cases.BATCH["unet"]
    model = UNet()
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=0.001, weight_decay=1e-4)
    bce = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([[[3.0]]]))
    x = torch.rand(batch, 3, size, size)
    target = (torch.rand(batch, 1, size, size) < 0.1).float()

    def step():
        opt.zero_grad()
        logits = model(x)
        loss = bce(logits, target) + dice_on_logits(logits, target)
        loss.backward()
        opt.step()
        return loss
    return step


def conv_step(case, mode, size):
    cin, cout, k, pad, _ = cases.CONVS[case]
    conv = nn.Conv2d(cin, cout, k, padding=pad)
    x = torch.rand(1, cin, size, size, requires_grad=(mode == "fwdbwd"))
    if mode == "fwd":
        def step():
            with torch.no_grad():
                return conv(x)
        return step
    g = torch.rand(conv(x).shape)

    def step():
        conv.zero_grad(set_to_none=True)
        x.grad = None
        conv(x).backward(g)
    return step


def train_step(case, size):
    if case == "unet":
        return unet_step(size)
    batch = cases.BATCH[case]
    model = Model1(size) if case == "model1" else Model2(size)
    model.train()
    if case == "model1":
        opt = torch.optim.SGD(model.parameters(), lr=0.005, momentum=0.9)
    else:
        opt = torch.optim.Adam(model.parameters(), lr=0.001)
    loss_fn = nn.BCELoss()
    x = torch.rand(batch, 3, size, size)
    target = (torch.rand(batch, 1, size, size) < 0.1).float()

    def step():
        opt.zero_grad()  # 1.13 default: zero the existing gradients in place, as the notebooks did
        loss = loss_fn(model(x), target)
        loss.backward()
        opt.step()
        return loss
    return step


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--case", required=True, choices=sorted(list(cases.CONVS) + list(cases.BATCH)))
    p.add_argument("--mode", required=True, choices=["fwd", "fwdbwd", "train"])
    p.add_argument("--size", type=int, required=True, help="input height = width")
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    if a.mode == "train":
        step = train_step(a.case, a.size)
    else:
        step = conv_step(a.case, a.mode, a.size)
    times = []
    for i in range(a.warmup + a.reps):
        t0 = time.perf_counter()
        step()
        t = time.perf_counter() - t0
        if i >= a.warmup:
            times.append(t)
    allocator = "jemalloc" if "jemalloc" in os.environ.get("LD_PRELOAD", "") else "default"
    print(json.dumps({
        "impl": "torch " + torch.__version__ + " (" + allocator + ")",
        "case": a.case, "mode": a.mode, "size": a.size, "threads": torch.get_num_threads(),
        "times_s": times, "median_s": statistics.median(times),
        "gflop": cases.gflop(a.case, a.mode, a.size), "vmhwm_kb": vm_hwm_kb()}))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes the PyTorch parity fixtures of the convolution family added for issue 10: rectangular Conv2d,
ConvTranspose2d, MaxPool2d with padding and ceil_mode, bilinear up-sampling with align_corners and
scale_factor, nearest 2-D up-sampling (nn/src/test/resources/parity/{conv2d_rect,convt,maxpool2d_ceil,
upsample_bilinear2d_ac,upsample_bilinear2d_sf,upsample_nearest2d}_*.safetensors).

Run from the repository root with Debian's PyTorch 1.13:  /usr/bin/python3 nn/src/test/python/make_conv_fixtures.py
A sibling of make_parity_fixtures.py (same helpers and layout, its own seed range so the fixtures of either
script do not depend on the other). Besides the usual tensors, every fixture's config carries "hanzinet": the
JSON of the hanzinet LayerConfig that builds the same layer, which the Java test (ConvFamilyParityTest) reads.
"""
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_parity_fixtures as base  # noqa: E402

base._seed[0] = 5000


def pair(v):
    v = (v, v) if isinstance(v, int) else tuple(v)
    return v[0] if v[0] == v[1] else list(v)


def conv_rect(name, cin, cout, k, s, p, bias, shape):
    cfg = {"type": "Conv2d", "inChannels": cin, "outChannels": cout, "kernel": pair(k), "stride": pair(s),
           "padding": pair(p), "bias": bias}
    fx = base.seeded(name, layer="Conv2d", hanzinet=cfg)
    x = fx.put_input("input", torch.randn(*shape))
    fan_in = cin * k[0] * k[1]
    params = {"weight": base.weight(fx, "weight", [cout, cin, k[0], k[1]], fan_in)}
    if bias:
        params["bias"] = base.weight(fx, "bias", [cout], fan_in)
    base.run_layer(fx, lambda t: F.conv2d(t, params["weight"], params.get("bias"), stride=s, padding=p), x, params)


def conv_transpose(name, cin, cout, k, s, p, op, bias, shape):
    k, s, p, op = [(v, v) if isinstance(v, int) else v for v in (k, s, p, op)]
    cfg = {"type": "ConvTranspose2d", "inChannels": cin, "outChannels": cout, "kernel": pair(k), "stride": pair(s),
           "padding": pair(p), "outputPadding": pair(op), "bias": bias}
    fx = base.seeded(name, layer="ConvTranspose2d", hanzinet=cfg)
    x = fx.put_input("input", torch.randn(*shape))
    fan_in = cout * k[0] * k[1]  # PyTorch's fan_in of the [in, out, kh, kw] weight
    params = {"weight": base.weight(fx, "weight", [cin, cout, k[0], k[1]], fan_in)}
    if bias:
        params["bias"] = base.weight(fx, "bias", [cout], fan_in)
    base.run_layer(fx, lambda t: F.conv_transpose2d(t, params["weight"], params.get("bias"), stride=s, padding=p,
                                                    output_padding=op), x, params)


def maxpool(name, k, s, p, ceil, x):
    cfg = {"type": "MaxPool2d", "kernel": pair(k), "stride": pair(s), "padding": pair(p), "ceilMode": ceil}
    fx = base.seeded(name, layer="MaxPool2d", hanzinet=cfg)
    pool = nn.MaxPool2d(k, s, p, ceil_mode=ceil)
    base.run_layer(fx, pool, fx.put_input("input", x), {})


def upsample(name, mode, shape, size=None, scale=None, align=None):
    if size is not None:
        cfg = {"outH": size[0], "outW": size[1]}
        up = nn.Upsample(size=size, mode=mode, align_corners=align)
    else:
        cfg = {"scaleH": float(scale[0]), "scaleW": float(scale[1])}
        up = nn.Upsample(scale_factor=scale, mode=mode, align_corners=align)
    if mode == "bilinear":
        cfg = {"type": "UpsampleBilinear2d", **cfg, "alignCorners": align}
    else:
        cfg = {"type": "UpsampleNearest2d", **cfg}
    fx = base.seeded(name, layer=cfg["type"], hanzinet=cfg)
    base.run_layer(fx, up, fx.put_input("input", torch.randn(*shape)), {})


def main():
    conv_rect("conv2d_rect_k3x5_s2x1_p1x2", 2, 3, (3, 5), (2, 1), (1, 2), True, (2, 2, 7, 6))
    conv_rect("conv2d_rect_k1x3_s1x2_p0x1", 3, 2, (1, 3), (1, 2), (0, 1), False, (1, 3, 5, 8))
    conv_rect("conv2d_rect_k5x2_s3x2_p2x0", 4, 5, (5, 2), (3, 2), (2, 0), True, (2, 4, 11, 7))

    conv_transpose("convt_k2_s2", 4, 3, 2, 2, 0, 0, True, (2, 4, 5, 4))
    conv_transpose("convt_k3_s2_p1_op1", 3, 2, 3, 2, 1, 1, True, (2, 3, 4, 5))
    conv_transpose("convt_k4_s2_p1", 3, 4, 4, 2, 1, 0, True, (1, 3, 5, 3))
    conv_transpose("convt_rect_k3x4_s2x3_p1x0_op1x2", 2, 3, (3, 4), (2, 3), (1, 0), (1, 2), True, (2, 2, 3, 4))
    conv_transpose("convt_k2_s2_16to8_nobias", 16, 8, 2, 2, 0, 0, False, (2, 16, 6, 6))
    conv_transpose("convt_k3_s1_p1", 5, 3, 3, 1, 1, 0, True, (1, 5, 7, 6))

    maxpool("maxpool2d_ceil_k3_s2_p1_odd", 3, 2, 1, True, torch.randn(2, 3, 7, 9))
    maxpool("maxpool2d_ceil_k2_s2_odd", 2, 2, 0, True, torch.randn(1, 2, 5, 7))
    maxpool("maxpool2d_ceil_k2_s2_p1_lastdropped", 2, 2, 1, True, torch.randn(1, 2, 5, 6))
    maxpool("maxpool2d_ceil_rect_k3x2_s2x1_p1x0", (3, 2), (2, 1), (1, 0), True, torch.randn(1, 2, 6, 5))
    maxpool("maxpool2d_ceil_k3_s3_p1_negative", 3, 3, 1, True, -torch.rand(1, 2, 8, 7) - 1)
    maxpool("maxpool2d_pad_k3_s2_p1_floor", 3, 2, 1, False, torch.randn(2, 2, 9, 8))

    upsample("upsample_bilinear2d_ac_4x5_to_8x10", "bilinear", (1, 2, 4, 5), size=(8, 10), align=True)
    upsample("upsample_bilinear2d_ac_3x3_to_7x5", "bilinear", (2, 1, 3, 3), size=(7, 5), align=True)
    upsample("upsample_bilinear2d_ac_9x7_to_4x3_down", "bilinear", (1, 1, 9, 7), size=(4, 3), align=True)
    upsample("upsample_bilinear2d_ac_3x4_to_1x2", "bilinear", (1, 1, 3, 4), size=(1, 2), align=True)
    upsample("upsample_bilinear2d_sf_1p5", "bilinear", (1, 2, 5, 6), scale=(1.5, 1.5), align=False)
    upsample("upsample_bilinear2d_sf_1p5_ac", "bilinear", (1, 2, 5, 6), scale=(1.5, 1.5), align=True)
    upsample("upsample_bilinear2d_sf_2", "bilinear", (2, 1, 4, 3), scale=(2.0, 2.0), align=False)
    upsample("upsample_bilinear2d_sf_0p5_down", "bilinear", (1, 1, 9, 7), scale=(0.5, 0.5), align=False)
    upsample("upsample_bilinear2d_sf_2p5x0p75", "bilinear", (1, 2, 3, 8), scale=(2.5, 0.75), align=False)
    upsample("upsample_bilinear2d_sf_1p7x1p3_ac", "bilinear", (1, 1, 5, 6), scale=(1.7, 1.3), align=True)
    upsample("upsample_nearest2d_sf_2", "nearest", (1, 2, 3, 4), scale=(2.0, 2.0))
    upsample("upsample_nearest2d_sf_1p5", "nearest", (2, 1, 5, 3), scale=(1.5, 1.5))
    upsample("upsample_nearest2d_sf_3x0p5", "nearest", (1, 2, 4, 6), scale=(3.0, 0.5))
    upsample("upsample_nearest2d_sf_1p7", "nearest", (1, 1, 5, 7), scale=(1.7, 1.7))
    upsample("upsample_nearest2d_size_7x5", "nearest", (1, 1, 3, 4), size=(7, 5))


if __name__ == "__main__":
    os.makedirs(base.OUT, exist_ok=True)
    main()

"""PyTorch reference outputs of the two reference models with both heads, for ReferenceModelsParityTest.

Writes examples/src/test/resources/models/<model>_<head>.safetensors holding only the expected
probabilities [N, 1, S, S]: inputs and every parameter are given by closed formulas that the Java test
evaluates too (see value() below), so the fixtures stay a few KB. Run from the repository root:
    /usr/bin/python3 examples/src/test/python/make_model_fixtures.py
"""
import json
import math
import os
import struct

import torch
import torch.nn as nn
import torch.nn.functional as F

SIZE = 32
BATCH = 2
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "models")


def name_key(name):
    return sum(ord(c) for c in name) % 97


def value(name, shape, scale):
    """v[i] = scale * sin(0.37 i + key(name)), computed in double, rounded to float32."""
    n = math.prod(shape)
    i = torch.arange(n, dtype=torch.float64)
    return (scale * torch.sin(0.37 * i + name_key(name))).float().reshape(shape)


def model_input():
    n = BATCH * 3 * SIZE * SIZE
    i = torch.arange(n, dtype=torch.float64)
    return (0.5 + 0.5 * torch.sin(0.11 * i)).float().reshape(BATCH, 3, SIZE, SIZE)


def block(cin, cout, pad):
    return nn.Sequential(nn.Conv2d(cin, cout, 5, padding=pad), nn.ReLU(), nn.MaxPool2d(2))


class Model1(nn.Module):
    def __init__(self):
        super().__init__()
        a = ((SIZE - 4) // 2 - 4) // 2
        self.layer1, self.layer2 = block(3, 3, 0), block(3, 16, 0)
        self.fc1, self.fc2, self.fc3 = nn.Linear(16 * a * a, 253), nn.Linear(253, 120), nn.Linear(120, 64)

    def forward(self, x):
        x = torch.flatten(self.layer2(self.layer1(x)), 1)
        return torch.sigmoid(self.fc3(F.relu(self.fc2(F.relu(self.fc1(x))))))


class Model2(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer1, self.layer2 = block(3, 3, 2), block(3, 128, 2)
        self.layer3, self.layer4 = block(128, 64, 2), block(64, 32, 2)
        self.drop_out = nn.Dropout(0.5)
        self.fc = nn.Linear(32 * (SIZE // 16) ** 2, 20)

    def forward(self, x):
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return torch.sigmoid(self.fc(self.drop_out(torch.flatten(x, 1))))


def head(k_out, grid, mode):
    def apply(p):  # p: [N, K]
        n = p.shape[0]
        if mode == "1d":  # the seed: nn.Upsample(size=H*W) on [N, 1, K]
            return F.interpolate(p.unsqueeze(1), size=SIZE * SIZE, mode="nearest").reshape(n, 1, SIZE, SIZE)
        return F.interpolate(p.reshape(n, 1, *grid), size=(SIZE, SIZE), mode="bilinear", align_corners=False)
    return apply


def init(model):
    with torch.no_grad():
        params = dict(model.named_parameters())
        for name, p in params.items():
            w = params[name.replace("bias", "weight")]
            p.copy_(value(name, list(p.shape), 1.0 / math.sqrt(math.prod(w.shape[1:]))))


def write_safetensors(path, tensors, metadata):
    header, offset, blobs = {"__metadata__": metadata}, 0, []
    for name in sorted(tensors):
        data = tensors[name].contiguous().float().numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def main():
    os.makedirs(OUT, exist_ok=True)
    for mname, cls, k, grid in (("model1", Model1, 64, (8, 8)), ("model2", Model2, 20, (4, 5))):
        model = cls().eval()
        init(model)
        for mode in ("1d", "2d"):
            with torch.no_grad():
                probs = head(k, grid, mode)(model(model_input()))
            meta = {"size": str(SIZE), "batch": str(BATCH), "torch": torch.__version__,
                    "params": json.dumps(list(dict(model.named_parameters()).keys()))}
            write_safetensors(os.path.join(OUT, f"{mname}_{mode}.safetensors"), {"probs": probs}, meta)
            print(mname, mode, tuple(probs.shape), float(probs.mean()))


if __name__ == "__main__":
    main()

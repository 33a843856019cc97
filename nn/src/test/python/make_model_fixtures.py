"""The two reference models at input 3 x 128 x 128: one forward + backward + optimiser step each.
Called by make_parity_fixtures.py (the one entry point). Inputs, targets and initial weights are
generated on both sides (fixturelib.det_tensor) because model 1's fc1 alone has 3.4 M weights; large
expected tensors are sampled. Parameter names are the state_dict names the examples use."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from fixturelib import Fixture

SIZE = 128


class Model1(nn.Module):
    """ChineseChar: conv-heavy front, most weights in fc1."""

    def __init__(self):
        super().__init__()
        self.layer1 = nn.Sequential(nn.Conv2d(3, 3, 5), nn.ReLU(), nn.MaxPool2d(2))
        self.layer2 = nn.Sequential(nn.Conv2d(3, 16, 5), nn.ReLU(), nn.MaxPool2d(2))
        self.fc1 = nn.Linear(16 * 29 * 29, 253)
        self.fc2 = nn.Linear(253, 120)
        self.fc3 = nn.Linear(120, 64)

    def forward(self, x):
        x = torch.flatten(self.layer2(self.layer1(x)), 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return torch.sigmoid(self.fc3(x)).unsqueeze(1)  # [N, 1, 64]


class Model2(nn.Module):
    """ConvNet: four conv blocks, dropout with a supplied mask, one linear layer."""

    def __init__(self, mask, p):
        super().__init__()
        chans = [3, 3, 128, 64, 32]
        for i in range(4):
            setattr(self, f"layer{i + 1}", nn.Sequential(nn.Conv2d(chans[i], chans[i + 1], 5, padding=2),
                                                         nn.ReLU(), nn.MaxPool2d(2)))
        self.fc = nn.Linear(32 * 8 * 8, 20)
        self.mask, self.p = mask, p

    def forward(self, x):
        for i in range(4):
            x = getattr(self, f"layer{i + 1}")(x)
        x = torch.flatten(x, 1) * (self.mask / (1 - self.p))
        return torch.sigmoid(self.fc(x)).unsqueeze(1)  # [N, 1, 20]


def init_generated(fx, model, seed):
    """Every parameter from the shared generator, in PyTorch's default range 1/sqrt(fan_in)."""
    with torch.no_grad():
        for i, (name, p) in enumerate(model.named_parameters()):
            w = p if p.dim() > 1 else dict(model.named_parameters())[name.replace("bias", "weight")]
            fan_in = math.prod(w.shape[1:])
            p.copy_(fx.gen(name, "sym", seed + 101 * i, list(p.shape), 1.0 / math.sqrt(fan_in)))


def step_and_store(fx, model, x, target, opt):
    x = x.requires_grad_(True)
    probs = model(x)
    up = F.interpolate(probs, size=SIZE * SIZE, mode="nearest")  # nn.Upsample(size=N) on [N, 1, L]
    loss = F.binary_cross_entropy(up, target)
    loss.backward()
    fx.put("probs", probs)
    fx.put("loss", loss.detach().reshape(1))
    fx.put("grad_input", x.grad)
    for name, p in model.named_parameters():
        fx.put("grad." + name, p.grad)
    opt.step()
    for name, p in model.named_parameters():
        fx.put("updated." + name, p)


def model1(out):
    torch.manual_seed(1)
    fx = Fixture("model1_step", model="ChineseChar", batch=5, size=SIZE, optimizer="SGD", lr=0.005, momentum=0.9)
    model = Model1()
    init_generated(fx, model, 11)
    x = fx.gen("input", "unit", 12, [5, 3, SIZE, SIZE])
    target = fx.gen("target", "bernoulli", 13, [5, 1, SIZE * SIZE], 0.2)
    step_and_store(fx, model, x, target, torch.optim.SGD(model.parameters(), lr=0.005, momentum=0.9))
    fx.save(out)


def model2(out):
    torch.manual_seed(2)
    fx = Fixture("model2_step", model="ConvNet", batch=3, size=SIZE, optimizer="Adam", lr=0.001, dropout=0.5)
    mask = fx.put_input("dropout_mask", torch.bernoulli(torch.full((3, 32 * 8 * 8), 0.5)))
    model = Model2(mask, 0.5)
    init_generated(fx, model, 21)
    x = fx.gen("input", "unit", 22, [3, 3, SIZE, SIZE])
    target = fx.gen("target", "bernoulli", 23, [3, 1, SIZE * SIZE], 0.2)
    step_and_store(fx, model, x, target, torch.optim.Adam(model.parameters(), lr=0.001))
    fx.save(out)


def torch_state_dict(out):
    """A checkpoint laid out by PyTorch's side: a state_dict written as safetensors, plus input/output."""
    torch.manual_seed(3)
    model = nn.Module()
    model.layer1 = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
    model.fc = nn.Linear(4 * 4 * 4, 5)
    from fixturelib import write_safetensors
    write_safetensors(f"{out}/torch_state_dict.safetensors", model.state_dict(), {"format": "pt"})
    fx = Fixture("torch_state_dict_io", note="model of torch_state_dict.safetensors")
    x = fx.put_input("input", torch.randn(2, 3, 8, 8))
    with torch.no_grad():
        y = torch.sigmoid(model.fc(torch.flatten(model.layer1(x), 1)))
    fx.put("output", y)
    fx.save(out)


def main(out):
    model1(out)
    model2(out)
    torch_state_dict(out)

"""Helpers of make_parity_fixtures.py: a minimal safetensors writer, the shared deterministic generator,
and the Fixture container. Kept in step with org.hanzinet.nn.parity.ParityFixture (Java side)."""
import json
import struct

import numpy as np
import torch

# Tensors with more elements than this are not stored: inputs and weights are *generated* on both sides
# from a seed (see det_unit), expected results are *sampled* at SAMPLES deterministic indices.
STORE_MAX = 40000
SAMPLES = 2048
SAMPLE_HASH = 0x9E3779B9  # sample j is element ((j * SAMPLE_HASH) mod 2^32) * numel >> 32 (golden-ratio spread)


_DTYPES = {torch.float32: ("F32", "<f4"), torch.int64: ("I64", "<i8")}
_WIDEST_FIRST = ["I64", "F32"]  # the reference writer's order: dtype descending (I64 after F32 in its enum)


def write_safetensors(path, tensors, metadata):
    """The safetensors layout of the reference writer: compact JSON header, __metadata__ first, tensors
    sorted by dtype (widest first: int64 before float32) then name, header padded with spaces to a
    multiple of 8, little-endian data. Float tensors are written as F32, int64 ones (BatchNorm's
    num_batches_tracked) as I64."""
    header = {}
    if metadata is not None:
        header["__metadata__"] = {k: metadata[k] for k in sorted(metadata)}
    entries = []
    for name, t in tensors.items():
        t = t.detach().cpu()
        st, np_type = _DTYPES.get(t.dtype, _DTYPES[torch.float32])
        a = np.array(t.numpy(), dtype=np_type, order="C")  # not ascontiguousarray: a 0-d shape stays []
        entries.append((_WIDEST_FIRST.index(st), name, st, a))
    blobs, offset = [], 0
    for _, name, st, a in sorted(entries, key=lambda e: (e[0], e[1])):
        header[name] = {"dtype": st, "shape": list(a.shape), "data_offsets": [offset, offset + a.nbytes]}
        blobs.append(a.tobytes())
        offset += a.nbytes
    h = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def _splitmix(seed, n):
    i = np.arange(1, n + 1, dtype=np.uint64)
    z = np.uint64(seed) + i * np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def det_unit(seed, n):
    """n float32 values in [0, 1): the top 24 bits of splitmix64(seed + i * golden), times 2^-24 (exact)."""
    return (_splitmix(seed, n) >> np.uint64(40)).astype(np.float32) * np.float32(2.0 ** -24)


def det_tensor(kind, seed, shape, param):
    """kind 'unit': u; 'sym': (2u - 1) * param; 'bernoulli': 1 where u < param else 0. float32 throughout."""
    n = int(np.prod(shape)) if len(shape) else 1
    u = det_unit(seed, n)
    p = np.float32(param)
    if kind == "unit":
        v = u
    elif kind == "sym":
        v = (u * np.float32(2) - np.float32(1)) * p
    elif kind == "bernoulli":
        v = (u < p).astype(np.float32)
    else:
        raise ValueError(kind)
    return torch.from_numpy(v.reshape(shape).copy())


def sample_indices(n):
    assert n < 2 ** 31
    h = (np.arange(SAMPLES, dtype=np.int64) * SAMPLE_HASH) & 0xFFFFFFFF
    return (h * n) >> 32


class Fixture:
    """One fixture file: named tensors (stored, generated or sampled) and a JSON config in metadata."""

    def __init__(self, name, **config):
        self.name = name
        self.config = dict(config)
        self.tensors = {}
        self.meta = {}

    def gen(self, name, kind, seed, shape, param=1.0):
        """A generated input: Java regenerates it from the recorded recipe instead of reading it."""
        t = det_tensor(kind, seed, list(shape), param)
        self.meta[name + ".gen"] = json.dumps({"kind": kind, "seed": seed, "shape": list(shape),
                                               "param": float(np.float32(param))})
        return t

    def put(self, name, t):
        """Stores t, or a deterministic sample of it when it is large (expected results only)."""
        t = t.detach().to(torch.float32).contiguous().clone()  # a snapshot: optimisers update in place
        if t.numel() <= STORE_MAX:
            self.tensors[name] = t
        else:
            idx = torch.from_numpy(sample_indices(t.numel()))
            self.tensors[name + ".sample"] = t.reshape(-1)[idx].clone()
            self.meta[name + ".sampled"] = json.dumps({"shape": list(t.shape)})
        return t

    def put_input(self, name, t):
        assert t.numel() <= STORE_MAX, f"{self.name}: input {name} too large to store; generate it"
        return self.put(name, t)

    def save(self, outdir):
        meta = dict(self.meta)
        meta["config"] = json.dumps(self.config, sort_keys=True)
        meta["generator"] = "nn/src/test/python/make_parity_fixtures.py, torch " + torch.__version__
        write_safetensors(f"{outdir}/{self.name}.safetensors", self.tensors, meta)

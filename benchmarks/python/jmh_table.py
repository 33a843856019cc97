#!/usr/bin/python3
"""Markdown tables from a JMH JSON result of LinearGemmBenchmark, MaxPool2dBenchmark and UpsampleBenchmark
(the rows of BENCHMARKS.md), with GFLOP/s for the GEMMs and GB/s for the memory-bound layers.

    /usr/bin/python3 benchmarks/python/jmh_table.py layers.json
"""
import json
import sys

# Linear shapes (batch, in, out): see benchmarks/.../linalg/LinearShape.java
LINEAR = {"m1_fc1": (5, 16 * 509 * 509, 253), "m1_fc2": (5, 253, 120), "m2_fc": (3, 32 * 128 * 128, 20)}
# MaxPool2d inputs [1, C, H, W]: MaxPool2dBenchmark.inputShape
POOL = {"m1_pool1": (3, 2044), "m1_pool2": (16, 1018), "m2_pool1": (3, 2048), "m2_pool2": (128, 1024),
        "m2_pool3": (64, 512), "m2_pool4": (32, 256)}
# up-sampling output elements: UpsampleBenchmark
UP_OUT = {"nearest_m1": 5 * 2048 * 2048, "nearest_m2": 3 * 2048 * 2048, "bilinear_grid8": 5 * 2048 * 2048,
          "bilinear_c16": 16 * 512 * 512}


def ms(r):
    return r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"]


def gemm_rows(rs):
    out = ["| shape | op | threads | ms/op (± error) | GFLOP/s | GB/s (weight-sized operand) |",
           "| --- | --- | --- | ---: | ---: | ---: |"]
    for r in rs:
        p = r["params"]
        n, i, o = LINEAR[p["shape"]]
        t, e = ms(r)
        flop = 2.0 * n * i * o
        big = 4.0 * i * o * (2 if p["op"] == "weightGrad" else 1)  # dW is read and written
        out.append("| %s | %s | %s | %.2f (± %.2f) | %.2f | %.1f |" % (
            p["shape"], p["op"], p["threads"], t, e, flop / t / 1e6, big / t / 1e6))
    return out


def pool_rows(rs):
    out = ["| shape (input) | op | threads | ms/op (± error) | GB/s |", "| --- | --- | --- | ---: | ---: |"]
    for r in rs:
        p = r["params"]
        c, h = POOL[p["shape"]]
        inn = c * h * h
        outn = c * (h // 2) * (h // 2)
        t, e = ms(r)
        out.append("| %s [1,%d,%d,%d] | %s | %s | %.2f (± %.2f) | %.1f |" % (
            p["shape"], c, h, h, r["benchmark"].rsplit(".", 1)[1], p["threads"], t, e,
            4.0 * (inn + 2 * outn) / t / 1e6))
    return out


def up_rows(rs):
    out = ["| shape | op | threads | ms/op (± error) | GB/s (output-sized) |", "| --- | --- | --- | ---: | ---: |"]
    for r in rs:
        p = r["params"]
        t, e = ms(r)
        out.append("| %s | %s | %s | %.2f (± %.2f) | %.1f |" % (
            p["shape"], r["benchmark"].rsplit(".", 1)[1], p["threads"], t, e, 4.0 * UP_OUT[p["shape"]] / t / 1e6))
    return out


def main(path):
    with open(path) as f:
        rs = json.load(f)
    groups = [("LinearGemmBenchmark", gemm_rows), ("MaxPool2dBenchmark", pool_rows), ("UpsampleBenchmark", up_rows)]
    for name, fn in groups:
        sel = [r for r in rs if ("." + name + ".") in r["benchmark"]]
        if sel:
            print("### " + name + "\n")
            print("\n".join(fn(sel)) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])

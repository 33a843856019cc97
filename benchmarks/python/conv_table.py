#!/usr/bin/env python3
"""Turns ConvBenchmark / PeakFlopsBenchmark JMH JSON (one file per JDK) into the Markdown tables of
BENCHMARKS.md: GFLOP/s (the `gflops` secondary metric) per layer, pass and thread count, side by side.

    /usr/bin/python3 benchmarks/python/conv_table.py JDK17=conv-simd-jdk17.json JDK25=conv-simd-jdk25.json
"""
import json
import sys
from collections import OrderedDict

# ConvImpl.DIRECT was named SIMD (impl=simd) in the runs of 2026-11-24.
LEGACY_IMPL = {"simd": "direct"}


def load(path):
    rows = OrderedDict()
    for r in json.load(open(path)):
        p = r.get("params", {})
        metric = r["secondaryMetrics"].get("gflops") if "secondaryMetrics" in r else None
        if metric is None:
            continue
        impl = LEGACY_IMPL.get(p.get("impl", ""), p.get("impl", ""))
        bench = r["benchmark"].split(".")[-2]
        # PeakFlopsBenchmark runs 1 and 2 JMH threads (its methods); the conv benchmarks take a threads param.
        threads = str(r.get("threads", "")) if bench == "PeakFlopsBenchmark" else p.get("threads", "")
        key = (bench, p.get("layer", p.get("kind", "")), impl, p.get("pass", ""), threads)
        rows[key] = metric["score"]
    return rows


def main(args):
    runs = [(a.split("=", 1)[0], load(a.split("=", 1)[1])) for a in args]
    keys = list(OrderedDict.fromkeys(k for _, rows in runs for k in rows))
    names = [n for n, _ in runs]
    print("| benchmark | layer | impl | pass | threads | " + " | ".join(f"{n} GFLOP/s" for n in names) + " |")
    print("| --- | --- | --- | --- | ---: | " + " | ".join("---:" for _ in names) + " |")
    for k in keys:
        cells = [f"{rows[k]:.1f}" if k in rows else "-" for _, rows in runs]
        print("| " + " | ".join(k) + " | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])

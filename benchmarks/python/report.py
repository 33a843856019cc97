#!/usr/bin/python3
"""Markdown table of side-by-side results, with hanzinet's speed relative to tuned PyTorch (jemalloc keeping
freed memory) and the targets of issues 6, 11 and 13; rows that ran while other processes used the CPU are
flagged "re-run". Used by ../scripts/side_by_side.py; also on its own to re-print a saved run:

    /usr/bin/python3 benchmarks/python/report.py [--peak-gflops=370] <run>/results.jsonl [<run2>/results.jsonl ...]

Several runs (e.g. the conv layers and, later, the 2048^2 training steps) are joined in the order given.
"""
import json
import sys

REFERENCE = "torch-tuned"  # jemalloc with MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1
FOREIGN_LOAD_LIMIT = 0.15
# Issue 6: at least 1.5x PyTorch on the 3->3 convs, 0.7x (and 60 % of peak) on the others, model 1 at 2048^2
# with no more peak memory than PyTorch (15.7 GB). Issue 13 (against tuned PyTorch): the many-channel convs at
# least 1.0x and 85 % of peak, m1_conv2 forward 1.0x, every training step (models at 512 and 2048, the U-Net
# at 256 and 512) 1.2x. Issue 11 asks the U-Net step to be at least 1.0x.
THREE_TO_THREE = ("m1_conv1", "m2_conv1")
MANY_CHANNELS = ("m2_conv3", "m2_conv4")


def speed_target(case, mode, size):
    if mode == "train":
        return 1.2
    if case in THREE_TO_THREE:
        return 1.5
    if case in MANY_CHANNELS or (case == "m1_conv2" and mode == "fwd"):
        return 1.0
    return 0.7


def peak_target(case):
    return 0.85 if case in MANY_CHANNELS else 0.6


def verdict(actual, target):
    if actual >= target:
        return "meets (>= %.1fx)" % target
    return "falls short by %.1fx (target %.1fx)" % (target / actual, target)


def target_text(r, ref, peak):
    target = speed_target(r["case"], r["mode"], r["size"])
    if target is None or ref is None:
        return "" if target is None else "no PyTorch reference"
    parts = [verdict(ref["median_s"] / r["median_s"], target)]
    if r["mode"] != "train" and r["case"] not in THREE_TO_THREE and peak > 0:
        frac = r["gflop"] / r["median_s"] / peak
        goal = peak_target(r["case"])
        parts.append("%.0f%% of peak %s %.0f%%" % (100 * frac, "meets" if frac >= goal else "<", 100 * goal))
    if r["mode"] == "train" and r["case"] == "model1" and r["size"] >= 2048:
        here = ref["vmhwm_kb"] / 1024 / 1024
        issue = 15.7e9 / 2 ** 30  # issue 6's 15.7 GB, in GiB
        rss = r["vmhwm_kb"] / 1024 / 1024
        parts.append("RSS %s PyTorch's %.1f GiB here, %s issue 6's 15.7 GB (%.1f GiB)"
                     % ("<=" if rss <= here else "above", here, "<=" if rss <= issue else "above", issue))
    return "; ".join(parts)


def row(r, ref, peak):
    cfg = "%s %s %d" % (r["case"], r["mode"], r["size"])
    impl = r["impl"] + (" (heap %dg)" % r["heap_gb"] if "heap_gb" in r else "")
    foreign = r.get("foreign_load")
    load = "%.1f" % r["load1_start"] if foreign is None else "%.2f" % foreign
    if r["status"] != "ok":
        return "| %s | %s | | | | %s | | %s |" % (cfg, impl, load, r["status"])
    gfs = r["gflop"] / r["median_s"]
    ratio = "%.2f" % (ref["median_s"] / r["median_s"]) if ref else ""
    target = target_text(r, ref, peak) if r["impl"].startswith("hanzinet") else ""
    if foreign is not None and foreign > FOREIGN_LOAD_LIMIT:
        target = "**re-run: ran under load**" + ("; " + target if target else "")
    return "| %s | %s | %.3f | %.1f | %.2f | %s | %s | %s |" % (
        cfg, impl, r["median_s"], gfs, r["vmhwm_kb"] / 1024 / 1024, load, ratio, target)


def table(results, peak=0.0):
    lines = ["| configuration | implementation | median s | GFLOP/s | peak RSS GiB | foreign load | speed vs "
             + REFERENCE + " | target |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    refs = {(r["case"], r["mode"], r["size"]): r for r in results
            if r["impl"] == REFERENCE and r["status"] == "ok"}
    for r in results:
        lines.append(row(r, refs.get((r["case"], r["mode"], r["size"])), peak))
    return "\n".join(lines) + "\n"


def main(argv):
    peak = 0.0
    rs = []
    for arg in argv:
        if arg.startswith("--peak-gflops="):
            peak = float(arg.split("=", 1)[1])
            continue
        with open(arg) as f:
            rs += [json.loads(line) for line in f if line.strip()]
    print(table(rs, peak))


if __name__ == "__main__":
    main(sys.argv[1:])

#!/usr/bin/python3
"""hanzinet side by side with PyTorch, on this machine, 2 threads each. One command, from the repo root:

    /usr/bin/python3 benchmarks/scripts/side_by_side.py            # full run (~30 min quiet, more under load; ~19 GB free)
    /usr/bin/python3 benchmarks/scripts/side_by_side.py --quick    # 512^2 only, fewer repetitions (~5 min quiet)

It builds target/benchmarks.jar if missing (mvn -B -q -pl benchmarks -am package -DskipTests), then runs
every configuration in its own process (so each peak RSS, VmHWM, belongs to one configuration):
  - the six conv layers of the reference models at their real size, batch 1, forward and forward + backward
    (--quick: spatial size capped at 512);
  - a full training step (forward, BCE, backward, optimiser step) of model 1 (batch 5, SGD) and model 2
    (batch 3, Adam) at 512^2 and 2048^2 (--quick: 512^2 only);
  - a full training step of the examples' U-Net (batch 8, BCE-with-logits + Dice, AdamW) at 256^2 and 512^2;
with PyTorch (/usr/bin/python3) three ways: "torch-tuned", jemalloc via LD_PRELOAD with
MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1 (freed memory is kept and reused, as a performance-minded
user runs it: THE reference every ratio is taken against), "torch-jemalloc" (jemalloc's defaults: large
tensors go back to the OS after each step and are faulted in again) and "torch-default" (glibc malloc),
the last two as "untuned PyTorch"; and hanzinet (the SideBySide driver on JDK 17 and JDK 25, fixed heap
-Xms = -Xmx). Each configuration records the CPU time that OTHER processes used while it ran
("foreign load", in cores, from /proc/stat minus the child's own rusage); a row with foreign load above
0.15 ran on a busy machine and is flagged "re-run": its ratio is not a result. A configuration runs only when
MemAvailable covers its estimated need; otherwise it waits up to --mem-wait seconds, then records
"not run: memory". Results go to benchmarks/target/side-by-side/<time>/ (results.jsonl, table.md) and the
table is printed: median time after warm-up, GFLOP/s (2 per multiply-add; conv forward + backward and
training steps count 3x the forward), peak RSS, machine load, and hanzinet's speed relative to PyTorch
with jemalloc (> 1: hanzinet faster) against the targets of issue 6.
"""
import argparse
import datetime
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "benchmarks", "python"))
import cases  # noqa: E402
import report  # noqa: E402

JEMALLOC = "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"
# jemalloc keeping freed pages instead of returning them to the OS after 10 s (its default decay)
TUNED_MALLOC_CONF = "dirty_decay_ms:-1,muzzy_decay_ms:-1"
# other processes' CPU (cores, averaged over a configuration's run) above which its row is flagged
FOREIGN_LOAD_LIMIT = 0.15
JAR = os.path.join(ROOT, "benchmarks", "target", "benchmarks.jar")
DRIVER = "org.hanzinet.benchmarks.sidebyside.SideBySide"
JDKS = {"17": "/usr/lib/jvm/java-17-openjdk-amd64", "25": "/usr/lib/jvm/temurin-25-jdk-amd64"}


def configurations(quick):
    """(case, mode, size, warmup, reps) in run order: small first, the 2048^2 training steps last."""
    out = []
    for case, (_, _, _, _, real) in cases.CONVS.items():
        size = min(real, 512) if quick else real
        for mode in ("fwd", "fwdbwd"):
            out.append((case, mode, size, 1, 3 if quick else 5))
    for size in (256, 512):
        out.append(("unet", "train", size, 1, 3 if quick else 5))
    for size in ((512,) if quick else (512, 2048)):
        for case in ("model1", "model2"):
            out.append((case, "train", size, 1, 3 if quick or size >= 2048 else 5))
    return out


def heap_gb(case, mode, size):
    """Fixed Java heap per configuration: what the configuration needs plus head-room, not more
    (G1 touches most of a large heap over time, so the heap bounds the RSS we report)."""
    if case == "unet":
        # batch 8: about 20 activations of [8, 16..48, S, S] at full resolution; the smallest whole-GB heaps
        # the step trains in since element-wise layers compute their gradients in place (2026-12-02 evening;
        # 5 GB runs out at 512^2)
        return 2 if size <= 256 else 6
    if mode == "train":
        # 2048^2: examples' HeapEstimate says 15.7 GiB (model 1: 12.6 GB of fc1 weight, gradient and
        # momentum plus ~2.5 GB of batch-5 activations). Model 2 (batch 3) trains in 7 GB, not 6.
        if case == "model1":
            return 16 if size >= 2048 else 3
        return 7 if size >= 2048 else 3
    return 4 if size >= 1024 or case == "m2_conv3" else 2


def need_gb(impl, case, mode, size):
    """Estimated available memory a configuration needs before it may start (GB)."""
    if impl.startswith("hanzinet"):
        return heap_gb(case, mode, size) + 1
    if mode == "train" and size >= 2048:
        return 17 if case == "model1" else 9.5
    return 3


def mem_available_gb():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) / 1024 / 1024
    return 0.0


def load1():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def busy_cpu_seconds():
    """CPU seconds all processes have spent busy since boot (/proc/stat: everything but idle and iowait)."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:9]]
    return (sum(v) - v[3] - v[4]) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def command(impl, case, mode, size, warmup, reps, threads):
    args = ["--case", case, "--mode", mode, "--size", str(size), "--warmup", str(warmup),
            "--reps", str(reps), "--threads", str(threads)]
    env = dict(os.environ)
    env.pop("LD_PRELOAD", None)
    env.pop("MALLOC_CONF", None)
    if impl.startswith("torch"):
        if impl in ("torch-jemalloc", "torch-tuned"):
            env["LD_PRELOAD"] = JEMALLOC
        if impl == "torch-tuned":
            env["MALLOC_CONF"] = TUNED_MALLOC_CONF
        return ["/usr/bin/python3", os.path.join(ROOT, "benchmarks", "python", "torch_worker.py")] + args, env
    jdk = JDKS[impl.split("jdk")[1]]
    h = "-Xms%dg" % heap_gb(case, mode, size), "-Xmx%dg" % heap_gb(case, mode, size)
    return [os.path.join(jdk, "bin", "java"), "--add-modules", "jdk.incubator.vector", h[0], h[1],
            "-Dhanzinet.threads=%d" % threads, "-cp", JAR, DRIVER] + args, env


def wait_for_memory(need, max_wait):
    deadline = time.time() + max_wait
    while True:
        avail = mem_available_gb()
        if avail >= need or time.time() >= deadline:
            return avail
        time.sleep(15)


def estimated_seconds(impl, cfg, done):
    """Run time of a 2048^2 training configuration extrapolated from the same implementation at 512^2
    (16x the pixels), or None when there is nothing to extrapolate from."""
    case, mode, size, warmup, reps = cfg
    if mode != "train" or size < 2048:
        return None
    for r in done:
        if (r["impl"], r["case"], r["mode"], r["size"], r["status"]) == (impl, case, mode, 512, "ok"):
            return r["median_s"] * (size / 512) ** 2 * (warmup + reps)
    return None


def run_one(impl, cfg, a, done):
    case, mode, size, warmup, reps = cfg
    base = {"impl": impl, "case": case, "mode": mode, "size": size,
            "gflop": cases.gflop(case, mode, size), "load1_start": load1()}
    est = estimated_seconds(impl, cfg, done)
    if est is not None and est > a.timeout:
        return dict(base, status="not run: time (about %.0f s per step from 512^2, %d steps > --timeout %d s)"
                    % (est / (warmup + reps), warmup + reps, a.timeout))
    need = need_gb(impl, case, mode, size)
    avail = wait_for_memory(need, a.mem_wait)
    if avail < need:
        return dict(base, status="not run: memory (needs %.1f GB, %.1f available)" % (need, avail))
    cmd, env = command(impl, case, mode, size, warmup, reps, a.threads)
    if impl.startswith("hanzinet"):
        base["heap_gb"] = heap_gb(case, mode, size)
    print("  %-16s %-9s %-7s %5d  (%.1f GB available, load %.2f)" % (impl, case, mode, size, avail, load1()),
          flush=True)
    busy0, own0, t0 = busy_cpu_seconds(), children_cpu_seconds(), time.time()
    try:
        p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=a.timeout)
    except subprocess.TimeoutExpired:
        return dict(base, status="not run: timeout after %d s" % a.timeout)
    wall = max(time.time() - t0, 1e-3)
    base["foreign_load"] = max(0.0, (busy_cpu_seconds() - busy0) - (children_cpu_seconds() - own0)) / wall
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
    if p.returncode != 0 or not lines:
        tail = (p.stderr or p.stdout).strip().splitlines()[-3:]
        return dict(base, status="failed (exit %d): %s" % (p.returncode, " | ".join(tail)))
    res = json.loads(lines[-1])
    res.update({k: v for k, v in base.items() if k not in res or k == "impl"})
    res["impl_detail"] = json.loads(lines[-1])["impl"]
    res["load1_end"] = load1()
    res["status"] = "ok"
    return res


def build_jar():
    print("building %s ..." % JAR, flush=True)
    subprocess.run(["mvn", "-B", "-q", "-pl", "benchmarks", "-am", "package", "-DskipTests"], cwd=ROOT, check=True)


def main():
    global JAR
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="512^2 only, fewer repetitions")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--impls", default="torch-tuned,torch-jemalloc,torch-default,hanzinet-jdk17,hanzinet-jdk25",
                   help="comma-separated subset of torch-tuned (the reference), torch-jemalloc, torch-default, "
                        "hanzinet-jdk17, hanzinet-jdk25")
    p.add_argument("--only", default="", help="regular expression on '<case> <mode> <size>' to select configurations")
    p.add_argument("--mem-wait", type=int, default=600, help="seconds to wait for enough free memory")
    p.add_argument("--timeout", type=int, default=1800, help="seconds per configuration")
    p.add_argument("--peak-gflops", type=float, default=0.0,
                   help="this machine's measured 2-thread peak (PeakFlopsBenchmark), for the %%-of-peak column")
    p.add_argument("--reps", type=int, default=0, help="override the number of timed repetitions")
    p.add_argument("--build", action="store_true", help="rebuild benchmarks.jar first")
    p.add_argument("--out", default="", help="output directory (default benchmarks/target/side-by-side/<time>)")
    a = p.parse_args()
    impls = a.impls.split(",")
    if any(i.startswith("hanzinet") for i in impls) and (a.build or not os.path.exists(JAR)):
        build_jar()
    out = a.out or os.path.join(ROOT, "benchmarks", "target", "side-by-side",
                                datetime.datetime.utcnow().strftime("%Y%m%dT%H%M%SZ"))
    os.makedirs(out, exist_ok=True)
    if any(i.startswith("hanzinet") for i in impls):
        # Run from a copy, so a rebuild during the run cannot change the code under measurement.
        shutil.copy(JAR, os.path.join(out, "benchmarks.jar"))
        JAR = os.path.join(out, "benchmarks.jar")
    cfgs = [c for c in configurations(a.quick) if re.search(a.only, "%s %s %d" % c[:3])]
    if a.reps > 0:
        cfgs = [c[:4] + (a.reps,) for c in cfgs]
    print("side by side: %d configurations x %d implementations -> %s" % (len(cfgs), len(impls), out), flush=True)
    results = []
    with open(os.path.join(out, "results.jsonl"), "w") as f:
        for cfg in cfgs:
            for impl in impls:
                r = run_one(impl, cfg, a, results)
                if r["status"] != "ok":
                    print("    -> " + r["status"], flush=True)
                elif r.get("foreign_load", 0) > FOREIGN_LOAD_LIMIT:
                    print("    -> ran under load (other processes: %.2f cores): re-run this row" % r["foreign_load"],
                          flush=True)
                results.append(r)
                f.write(json.dumps(r) + "\n")
                f.flush()
    table = report.table(results, a.peak_gflops)
    with open(os.path.join(out, "table.md"), "w") as f:
        f.write(table)
    print()
    print(table)


if __name__ == "__main__":
    main()

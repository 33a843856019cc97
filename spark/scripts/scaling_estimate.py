#!/usr/bin/env python3
"""The arithmetic behind docs/spark-scaling.md: step time, epoch time and speed-up of synchronous Spark
training for model 2 (2048 px) and the U-Net (256 px) on 8, 32, 128 workers. Inputs and the cost model
are explained in the doc; change them here and re-run:  python3 spark/scripts/scaling_estimate.py"""
import math

PHOTOS = 25887          # CTW training + validation
SCHEDULING_S = 0.10     # Spark's per-step job overhead (assumption)
NETWORKS = {"10 Gbit/s": 1.25e9, "1 Gbit/s": 0.125e9}  # bytes/s per link


def model2_parameters(size):
    convs = (3 * 3 * 25 + 3) + (3 * 128 * 25 + 128) + (128 * 64 * 25 + 64) + (64 * 32 * 25 + 32)
    return convs + 32 * (size // 16) ** 2 * 20 + 20


def step_seconds(n, k, t_image, params, bandwidth, optimiser_s):
    """k t + broadcast (2 copies) + treeAggregate depth 2 (2 sqrt(N) copies) + driver optimiser + scheduling."""
    copy = 4 * params / bandwidth
    communication = (2 + 2 * math.sqrt(n)) * copy
    return k * t_image + communication + optimiser_s + SCHEDULING_S, communication


def table(name, t_image, params, k, optimiser_s):
    one_machine = PHOTOS * t_image
    print(f"\n{name}: {params:,} parameters ({4 * params / 1e6:.1f} MB), {t_image:.3f} s/image, k = {k}; "
          f"one machine {one_machine / 3600:.2f} h per epoch")
    for net, bw in NETWORKS.items():
        for n in (8, 32, 128):
            t, comm = step_seconds(n, k, t_image, params, bw, optimiser_s)
            epoch = math.ceil(PHOTOS / (n * k)) * t
            speedup = one_machine / epoch
            print(f"  {net:9s} N={n:4d}: step {t:6.3f} s (communication {comm:.3f} s), epoch {epoch / 60:7.1f} min, "
                  f"speed-up {speedup:6.1f}, efficiency {speedup / n:4.0%}")


def half_efficiency(t_image, params, k, optimiser_s, bw):
    copy = 4 * params / bw
    return ((k * t_image + 2 * copy + optimiser_s + SCHEDULING_S) / (2 * copy)) ** 2


if __name__ == "__main__":
    m2 = model2_parameters(2048)
    table("model 2 at 2048", 2.77, m2, 1, 0.04)
    table("model 2 at 2048", 2.77, m2, 4, 0.04)
    table("U-Net at 256", 1 / 8.5, 1_964_097, 8, 0.01)
    table("U-Net at 256", 1 / 8.5, 1_964_097, 1, 0.01)
    print()
    for name, t, p, k, o in (("model 2, k=1", 2.77, m2, 1, 0.04), ("model 2, k=4", 2.77, m2, 4, 0.04),
                             ("U-Net, k=8", 1 / 8.5, 1_964_097, 8, 0.01)):
        print(name, "50% efficiency at N =",
              ", ".join(f"{half_efficiency(t, p, k, o, bw):,.0f} ({net})" for net, bw in NETWORKS.items()))

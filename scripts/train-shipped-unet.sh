#!/usr/bin/env bash
# Re-creates the shipped U-Net (examples/src/main/resources/org/hanzinet/examples/unet/unet-hanzi.safetensors):
# trains `train --model unet` with its defaults (1,500 synthetic scenes of 512 px, 256 px crops, batch 8,
# 10 epochs, AdamW 1e-3 cosine, BCE pos_weight 3 + Dice, seed 42) on 2 threads, then exports the model
# without optimiser state, to predict photos resized to a long side of 768 px (the best single size of
# scripts/scale-study.sh on the real photos). About 45 minutes on 2 quiet cores. Bitwise the same file (up to the creation time in its
# metadata) on the same thread count and JDK.
#   scripts/train-shipped-unet.sh [RUNS_DIR]      (default: runs-shipped)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-runs-shipped}"
before="$(ls -1 "$runs" 2>/dev/null || true)"
"$root/hanzinet" train --model unet --seed 42 --threads 2 --runs "$runs"
run="$(comm -13 <(echo "$before" | sort) <(ls -1 "$runs" | sort) | tail -1)"
"$root/hanzinet" export --run "$runs/$run" --sides 768 \
  --out "$root/examples/src/main/resources/org/hanzinet/examples/unet/unet-hanzi.safetensors"

#!/usr/bin/env bash
# Re-creates the shipped U-Net (examples/src/main/resources/org/hanzinet/examples/unet/unet-hanzi.safetensors):
# trains `train --model unet` with its defaults (1,500 synthetic scenes of 512 px, 256 px crops, batch 8,
# 10 epochs, AdamW 1e-3 cosine, BCE pos_weight 3 + Dice, seed 42) on 2 threads, then exports the model
# without optimiser state. About an hour on 2 cores. Bitwise the same file (up to the creation time in its
# metadata) on the same thread count and JDK.
#   scripts/train-shipped-unet.sh [RUNS_DIR]      (default: runs-shipped)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-runs-shipped}"
before="$(ls -1 "$runs" 2>/dev/null || true)"
"$root/hanzinet" train --model unet --seed 42 --threads 2 --runs "$runs"
run="$(comm -13 <(echo "$before" | sort) <(ls -1 "$runs" | sort) | tail -1)"
"$root/hanzinet" export --run "$runs/$run" \
  --out "$root/examples/src/main/resources/org/hanzinet/examples/unet/unet-hanzi.safetensors"

#!/usr/bin/env bash
# Which photo sizes should the U-Net predict at? Scores a U-Net (the shipped one, or --run RUN_DIR) on the
# real photos at several inference sides (the photo's long side in pixels; 0 = its own size; several =
# merged by the per-pixel maximum) and prints one markdown row per choice: pixel precision, recall, F1, IoU
# and character precision, recall, F.
#   scripts/scale-study.sh [--run RUN_DIR] [--data DIR] [SIDES ...]
#   default data photos/rects-ctw; default SIDES: 0 384 512 768 1024 384,768 512,1024 0,512
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run=()
data="$root/photos/rects-ctw"
while [[ $# -gt 0 && "$1" == --* ]]; do
  case "$1" in
    --run) run=(--run "$2"); shift 2 ;;
    --data) data="$2"; shift 2 ;;
    *) echo "scale-study: unknown option $1" >&2; exit 2 ;;
  esac
done
sides=("$@")
[[ ${#sides[@]} -gt 0 ]] || sides=(0 384 512 768 1024 384,768 512,1024 0,512)
out="$(mktemp -d "${TMPDIR:-/tmp}/hanzinet-scale-study.XXXXXX")"
trap 'rm -rf "$out"' EXIT
echo "| sides | pixel precision | recall | F1 | IoU | characters precision | recall | F |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for s in "${sides[@]}"; do
  text="$("$root/hanzinet" evaluate --all ${run[@]+"${run[@]}"} --data "$data" --sides "$s" --overlays 0 \
          --out "$out/$s" 2>/dev/null)"
  px="$(grep '^pixels' <<<"$text")"
  ch="$(grep '^  all ' <<<"$text")"
  awk -v s="$s" -v px="$px" -v ch="$ch" 'BEGIN {
    split(px, p, " +"); split(ch, c, " +");
    printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", s, p[3], p[5], p[7], p[9], c[6], c[7], c[8] }'
done

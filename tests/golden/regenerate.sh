#!/usr/bin/env bash
# Regenerate the FriBidi golden files for every seed paragraph:
#   shaping on and off, direction auto, at width 0 and wrapped at widths 24, 40 and 80.
# Needs GNU FriBidi (apt-get install libfribidi-bin) and ../shared/tools/fribidi-visual.
# Line breaks are sahifa's own (UAX #14 by cell width, `render --logical-breaks`); FriBidi
# then computes levels on the whole paragraph and reorders (and shapes) each line.
# Usage, from the repository root: bash tests/golden/regenerate.sh [path/to/fribidi-visual]
set -euo pipefail
oracle=${1:-../shared/tools/fribidi-visual}
marker=$'\ue000'  # a private-use character no seed contains
cargo build --release --quiet
sahifa=target/release/sahifa
for seed in seeds/*.txt; do
  name=$(basename "$seed" .txt)
  for shaping in on off; do
    flag=$([[ $shaping == on ]] && echo --shape || echo --no-shape)
    "$oracle" "$flag" --auto < "$seed" > "tests/golden/$name.shape-$shaping.w0.txt"
    for width in 24 40 80; do
      "$sahifa" render --width "$width" --shaping "$shaping" --logical-breaks "$marker" "$seed" \
        | "$oracle" "$flag" --auto --line-marker U+E000 > "tests/golden/$name.shape-$shaping.w$width.txt"
    done
  done
done

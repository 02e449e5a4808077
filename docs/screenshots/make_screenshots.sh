#!/usr/bin/env bash
# Renders every view of the window on the chimeraforge corpus at 1600x1000 and 1024x700, light and dark, into this
# folder (issue 16): docs/screenshots/<view>_<size>_<palette>.png. Offscreen, no display needed.
#
#   docs/screenshots/make_screenshots.sh [BENCHLENS] [CORPUS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:-$here/../../build/release/app/benchlens}"
corpus="${2:-$here/../../../shared/corpus/chimeraforge}"
# The Compare view compares the q4_0 and q8_0 quantizations of one run (README, `benchlens compare`).
compare=(--baseline 'model=llama3.1:8b-instruct-q4_0,run=csv_data/ollama_quant_bench.csv'
    --candidate 'model=llama3.1:8b-instruct-q8_0,run=csv_data/ollama_quant_bench.csv')
views=(overview inventory samples variants charts charts:latency charts:scatter charts:sweep diagnostics compare
    compare:pareto report)
for size in 1600x1000 1024x700; do
    for palette in light dark; do
        for view in "${views[@]}"; do
            name="${view/:/_}_${size}_${palette}.png"
            QT_QPA_PLATFORM=offscreen "$bin" "$corpus" --screenshot "$here/$name" --view "$view" --size "$size" \
                --palette "$palette" "${compare[@]}"
        done
    done
done

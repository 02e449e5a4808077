#!/usr/bin/env bash
# Issue 17's page targets, measured: the report of a folder copied COPIES times (the sample by default) into a scratch
# folder outside the repo, as PDF; prints the total pages (pdfinfo), the body's pages (before the first appendix, from
# the contents on page 1), and the data file's size and rows. The issue's case is the sample copied 1,100 times:
# a body of at most 12 pages and a total of at most 60 pages plus the data file.
#   benchmarks/report_pages.sh [COPIES] [FOLDER] [SCRATCH]
#     COPIES   default 1100
#     FOLDER   default build/release/sample
#     SCRATCH  default a new folder under /tmp, removed afterwards
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-1100}
folder=${2:-build/release/sample}
benchlens=${BENCHLENS:-build/release/app/benchlens}
scratch=${3:-$(mktemp -d)}
[ -n "${3:-}" ] || trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/in" "$scratch/out"
for i in $(seq -w 1 "$copies"); do
    [ -d "$scratch/in/copy$i" ] || cp -r "$folder" "$scratch/in/copy$i"
done
start=$(date +%s.%N)
"$benchlens" report "$scratch/in" -o "$scratch/out/report.pdf" --no-timings 2>/dev/null
end=$(date +%s.%N)
pages=$(pdfinfo "$scratch/out/report.pdf" | awk '/^Pages:/ {print $2}')
appendix=$(pdftotext -layout -l 1 "$scratch/out/report.pdf" - | awk '/^ *Appendix [A-Z]:/ {print $NF; exit}')
echo "folder: $folder x $copies ($(find "$scratch/in" -type f | wc -l) files)"
echo "report: $pages pages, body $((appendix - 1)) pages, written in $(echo "$end - $start" | bc) s"
for f in "$scratch"/out/report-data*.csv; do
    [ -e "$f" ] && echo "data file: $(basename "$f"): $(wc -c <"$f") bytes, $(($(wc -l <"$f") - 1)) rows"
done

#!/usr/bin/env bash
# Checks that a change of structure changed no output: runs two benchlens binaries (REF, the version before the
# change, and NEW) on the same folders and compares what they write.
#
#   tests/regression/outputs_unchanged.sh REF_BINARY NEW_BINARY [DIR ...]
#
# Without DIRs: ../shared/corpus/chimeraforge, ../shared/corpus/public and the sample folder NEW's build made.
# Compared per folder: `summarize --json`, `summarize` (text), `compare --json`, `sweep --json`, and `report` as
# Markdown and HTML (fixed --date, --no-timings, so no measured time is in them). JSON documents are compared by
# tests/regression/json_same.py: NEW may add members (new fields) but every member REF wrote must be there with the
# same value. Text outputs must be byte-identical.
# Exit 0 when everything is the same; 1 with a diff of the first lines of every difference otherwise.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
ref="$(realpath "$1")"
new="$(realpath "$2")"
shift 2
dirs=("$@")
if [ "${#dirs[@]}" -eq 0 ]; then
    dirs=("$repo/../shared/corpus/chimeraforge" "$repo/../shared/corpus/public")
    sample="$(dirname "$(dirname "$new")")/sample"
    [ -d "$sample" ] && dirs+=("$sample")
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0

# run LABEL CMD...: writes stdout to $work/{ref,new}/LABEL (the exit status is part of the output).
run_both() {
    local label="$1"
    shift
    for side in ref new; do
        local bin="$ref"
        [ "$side" = new ] && bin="$new"
        mkdir -p "$work/$side"
        (cd "$work/$side" && "$bin" "$@" >"$label" 2>"$label.stderr"; echo "exit $?" >>"$label.stderr")
    done
}

same_text() {
    local label="$1"
    if ! cmp -s "$work/ref/$label" "$work/new/$label"; then
        echo "DIFFERENT: $label"
        diff "$work/ref/$label" "$work/new/$label" | head -20
        failures=$((failures + 1))
    fi
    if [ -f "$work/ref/$label.stderr" ] && ! cmp -s "$work/ref/$label.stderr" "$work/new/$label.stderr"; then
        echo "DIFFERENT: $label (stderr)"
        diff "$work/ref/$label.stderr" "$work/new/$label.stderr" | head -20
        failures=$((failures + 1))
    fi
}

same_json() {
    local label="$1"
    if ! python3 "$here/json_same.py" "$work/ref/$label" "$work/new/$label"; then
        echo "DIFFERENT: $label"
        failures=$((failures + 1))
    fi
    if ! cmp -s "$work/ref/$label.stderr" "$work/new/$label.stderr"; then
        echo "DIFFERENT: $label (stderr)"
        diff "$work/ref/$label.stderr" "$work/new/$label.stderr" | head -20
        failures=$((failures + 1))
    fi
}

i=0
for dir in "${dirs[@]}"; do
    i=$((i + 1))
    name="$i-$(basename "$dir")"
    echo "== $dir"
    run_both "$name.summary.json" summarize "$dir" --json
    same_json "$name.summary.json"
    run_both "$name.summary.txt" summarize "$dir"
    same_text "$name.summary.txt"
    run_both "$name.compare.json" compare "$dir" --json
    same_json "$name.compare.json"
    run_both "$name.sweep.json" sweep "$dir" --json
    same_json "$name.sweep.json"
    for fmt in md html; do
        run_both "$name.report-log.$fmt" report "$dir" -o "report-$name.$fmt" --date 2026-01-01 --no-timings
        same_text "$name.report-log.$fmt"
        same_text "report-$name.$fmt"
    done
    # The Markdown report's figures.
    for svg in "$work/ref/report-${name}_files"/*.svg; do
        [ -f "$svg" ] || continue
        rel="${svg#"$work/ref/"}"
        if ! cmp -s "$svg" "$work/new/$rel"; then
            echo "DIFFERENT: $rel"
            failures=$((failures + 1))
        fi
    done
done

if [ "$failures" -ne 0 ]; then
    echo "outputs_unchanged: $failures difference(s)"
    exit 1
fi
echo "outputs_unchanged: every output the same"

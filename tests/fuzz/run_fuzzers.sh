#!/usr/bin/env bash
# Builds the libFuzzer targets (preset `fuzz`, clang-14) and runs each for a bounded time, seeded from
# ../shared/corpus and tests/data (copied into a temporary folder: the shared corpus is read-only and not ours).
#   tests/fuzz/run_fuzzers.sh [TARGET...]     (default: all targets)
# Environment: FUZZ_SECONDS (default 30) per target; FUZZ_FINDINGS_DIR (default build/fuzz/findings);
# BENCHLENS_SHARED_DIR (default ../shared beside the clone).
# Exits non-zero when any target finds a crash, a sanitizer report, a leak, a timeout (> 10 s for one input) or
# runs out of memory (> 2048 MB); the input that did it is left in the findings folder, whose path is printed.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"
seconds="${FUZZ_SECONDS:-30}"
shared="${BENCHLENS_SHARED_DIR:-$root/../shared}"
corpus="$shared/corpus"
findings="${FUZZ_FINDINGS_DIR:-$root/build/fuzz/findings}"
all_targets=(fuzz_csv fuzz_json fuzz_text fuzz_recognizers fuzz_merge fuzz_json_writer fuzz_report)
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then targets=("${all_targets[@]}"); fi

if [ ! -d "$corpus" ]; then
    echo "run_fuzzers: the seed corpus $corpus is missing (set BENCHLENS_SHARED_DIR)" >&2
    exit 2
fi

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)" --target "${targets[@]}"

work="$(mktemp -d "${TMPDIR:-/tmp}/benchlens-fuzz-run-XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$findings"

# Seeds: every file of the shared corpus and of tests/data (fixtures, golden files, the malformed inputs) up to 1 MiB.
mapfile -d '' seeds < <(find "$corpus" "$root/tests/data" -type f -size -1025k -print0 | sort -z)

n=0
copy_seed() { # copy_seed TARGET FILE [PREFIX-BYTES as printf escapes]
    n=$((n + 1))
    if [ -z "${3:-}" ]; then
        cp "$2" "$work/corpus/$1/seed-$n"
    else
        { printf "$3"; cat "$2"; } >"$work/corpus/$1/seed-$n"
    fi
}
# The recognizer target reads its first byte as the file's path (tests/fuzz/fuzz_recognizers.cpp kPaths).
path_byte() {
    case "$1" in
    *mlperf_log_summary.txt) byte='\x06' ;;
    *profile_export*genai_perf.json) byte='\x07' ;;
    *profile_export*aiperf.csv) byte='\x08' ;;
    *prompt_suite_runs.csv) byte='\x09' ;;
    *llmperf*summary*.json) byte='\x0b' ;;
    *benchmark_report.json) byte='\x0c' ;;
    *baseline*.json) byte='\x0d' ;;
    *.tsv) byte='\x0e' ;;
    *hyperfine*.md) byte='\x0f' ;;
    *.csv) byte='\x00' ;;
    *.jsonl | *.ndjson) byte='\x0a' ;;
    *.json) byte='\x01' ;;
    *.md) byte='\x03' ;;
    *.log) byte='\x05' ;;
    *) byte='\x04' ;;
    esac
}

for t in "${targets[@]}"; do mkdir -p "$work/corpus/$t"; done
declare -A by_dir_csv by_dir_json by_dir_text
for f in "${seeds[@]}"; do
    case "$f" in
    *.csv | *.tsv) kind=csv ;;
    *.json | *.jsonl | *.ndjson) kind=json ;;
    *.md | *.txt | *.log) kind=text ;;
    *) kind=other ;;
    esac
    for t in "${targets[@]}"; do
        case "$t:$kind" in
        fuzz_csv:csv | fuzz_json:json | fuzz_text:text | fuzz_json_writer:csv | fuzz_report:text) copy_seed "$t" "$f" ;;
        fuzz_csv:other | fuzz_json:other | fuzz_text:other) copy_seed "$t" "$f" ;;
        fuzz_recognizers:*)
            path_byte "$f"
            copy_seed "$t" "$f" "$byte"
            ;;
        esac
    done
    d="${f%/*}"
    case "$kind" in
    csv) by_dir_csv[$d]="$f" ;;
    json) by_dir_json[$d]="$f" ;;
    text) by_dir_text[$d]="$f" ;;
    esac
done
# The merge target: the CSV, JSON and text file of one folder in one input, split by 0x1E (selector 0 names them
# prompt_suite_runs.csv, prompt_suite_summary.json, report.md in one run folder).
if [[ " ${targets[*]} " == *" fuzz_merge "* ]]; then
    for d in "${!by_dir_csv[@]}" "${!by_dir_json[@]}" "${!by_dir_text[@]}"; do
        n=$((n + 1))
        out="$work/corpus/fuzz_merge/seed-$n"
        printf '\x00\x00' >"$out"
        first=1
        for f in "${by_dir_csv[$d]:-}" "${by_dir_json[$d]:-}" "${by_dir_text[$d]:-}"; do
            [ -n "$f" ] || continue
            [ "$first" -eq 1 ] || printf '\x1e' >>"$out"
            head -c 65536 "$f" >>"$out"
            first=0
        done
    done
fi
# The writer targets read lines: model A, model B, a configuration key, two values, a column name, cell text, and a
# file name (tests/fuzz/fuzz_support.h datasetFromInput).
for t in fuzz_json_writer fuzz_report; do
    if [[ " ${targets[*]} " == *" $t "* ]]; then
        printf 'llama3.1:8b-instruct-q4_0\ngemma3:1b-it-qat\nnum_ctx\n2048\n4096\ntemperature\nok\nollama_bench' \
            >"$work/corpus/$t/seed-lines"
        printf 'mod\xc3\xa9l\n\xe2\x80\xae RTL\nkey|x\n`a`\n<b>&amp;\nq"u,ote\n[link](http://x)\n\xff\xfe' \
            >"$work/corpus/$t/seed-hostile"
    fi
done

status=0
summary=()
for t in "${targets[@]}"; do
    bin="build/fuzz/tests/fuzz/$t"
    log="$findings/$t.log"
    # Inputs up to 16 KiB for the parsers (longer seeds are cut: most defects need a few hundred bytes, and short
    # inputs run many more times in a 30 s budget); the merge and writer targets write files per input.
    max_len=16384
    case "$t" in fuzz_merge) max_len=8192 ;; fuzz_json_writer | fuzz_report) max_len=4096 ;; esac
    echo "run_fuzzers: $t for ${seconds}s ($(find "$work/corpus/$t" -type f | wc -l) seeds)"
    set +e
    TMPDIR="$work" UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "$bin" "$work/corpus/$t" \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len="$max_len" -print_final_stats=1 \
        -close_fd_mask=1 -artifact_prefix="$findings/$t-" >"$log" 2>&1
    rc=$?
    set -e
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    if [ "$rc" -ne 0 ]; then
        status=1
        artifact="$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)"
        echo "run_fuzzers: $t FOUND A PROBLEM (exit $rc): ${artifact:-see $log}" >&2
        grep -m5 -E 'ERROR: |SUMMARY: |runtime error|Test unit written' "$log" >&2 || tail -20 "$log" >&2
        summary+=("$t: ${execs:-?} executions, FINDING ${artifact:-(see $log)}")
    else
        summary+=("$t: ${execs:-?} executions, no finding")
    fi
done
echo "run_fuzzers: results (${seconds}s per target; logs and findings in $findings)"
printf '  %s\n' "${summary[@]}"
exit "$status"

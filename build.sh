#!/usr/bin/env bash
# BenchLens build driver. See README.md.
#   ./build.sh run    install missing packages, build, and open the bundled sample folder
#                     (the GUI when $DISPLAY or $WAYLAND_DISPLAY is set; otherwise write the report to ./out/)
#   ./build.sh test   install missing packages, build, and run the whole test suite through ctest
#   ./build.sh bench  build and run the benchmarks in benchmarks/
#   ./build.sh sanitize  build the whole suite with ASan + UBSan (preset asan) and run it through ctest under ASan,
#                     UBSan and LeakSanitizer (suppressions: tests/sanitizers/lsan.supp)
#   ./build.sh fuzz   build the libFuzzer targets with clang-14 (preset fuzz) and run each for FUZZ_SECONDS
#                     (default 30) seconds: tests/fuzz/run_fuzzers.sh
set -euo pipefail
cd "$(dirname "$0")"

mode="${1:-run}"
# CI sets CI=true: same steps, but warnings are errors there.
default_preset=release
if [ "${CI:-}" = "true" ]; then default_preset=ci; fi
preset="${BENCHLENS_PRESET:-$default_preset}"
build_dir="build/$preset"

packaging/install-deps.sh
case "$mode" in
sanitize)
    # The whole suite (test_models, test_cli, test_ui) under ASan + UBSan + LeakSanitizer, -Werror as in CI; the
    # preset's test environment sets the sanitizer options and the LSan suppressions (tests/sanitizers/lsan.supp).
    cmake --preset asan -DBENCHLENS_WERROR="$([ "${CI:-}" = "true" ] && echo ON || echo OFF)" >/dev/null
    cmake --build --preset asan -j"$(nproc)"
    ctest --preset asan -j"$(nproc)"
    exit 0
    ;;
fuzz)
    exec tests/fuzz/run_fuzzers.sh
    ;;
esac
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j"$(nproc)"

case "$mode" in
run)
    sample="$build_dir/sample"
    if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
        echo "Opening the bundled sample folder in the BenchLens window"
        exec "$build_dir/app/benchlens" "$sample"
    fi
    mkdir -p out
    "$build_dir/app/benchlens" report "$sample" -o out/sample_report.md
    echo "No display: report for the bundled sample folder written to $(pwd)/out/sample_report.md"
    echo "(with a display, ./build.sh run opens the window; 'benchlens DIR --screenshot FILE.png' renders it offscreen)"
    ;;
test)
    ctest --preset "$preset" --output-on-failure
    ;;
bench)
    for b in "$build_dir"/benchmarks/bench_*; do "$b"; done
    ;;
*)
    echo "usage: ./build.sh run|test|bench|sanitize|fuzz" >&2
    exit 1
    ;;
esac

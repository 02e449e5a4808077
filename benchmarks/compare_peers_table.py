#!/usr/bin/env python3
"""The Markdown section of benchmarks/RESULTS.md for one run of benchmarks/compare_peers.sh.

usage: compare_peers_table.py RESULTS_DIR LABEL

Reads RESULTS_DIR/{machine.txt,sizes.txt,commands.txt} and, per timed command NAME, NAME.json (hyperfine's export, or
the same shape from the fallback loop) and NAME.rss (peak RSS in KB from /usr/bin/time -f %M). Prints the timings
and each goal of issue 15 as met, or the exact remaining ratio.
"""
import json
import os
import statistics
import sys


def main():
    res, label = sys.argv[1], sys.argv[2]
    sizes = {}
    for line in open(os.path.join(res, "sizes.txt")):
        name, nbytes, nfiles = line.split()
        sizes[name] = (int(nbytes), int(nfiles))
    rows = {}
    order = []
    for line in open(os.path.join(res, "commands.txt")):
        name, data, cmd = line.rstrip("\n").split("\t", 2)
        times = json.load(open(os.path.join(res, name + ".json")))["results"][0]["times"]
        rss_kb = None
        try:
            rss_kb = int(open(os.path.join(res, name + ".rss")).read().split()[-1])
        except (OSError, ValueError, IndexError):
            pass
        rows[name] = {"data": data, "cmd": cmd, "times": times, "med": statistics.median(times), "min": min(times),
                      "rss": rss_kb * 1024 if rss_kb is not None else None}
        order.append(name)

    out = [f"## {label}", ""]
    for line in open(os.path.join(res, "machine.txt")):
        out.append(f"- {line.strip()}")
    for data, (nbytes, nfiles) in sizes.items():
        out.append(f"- data `{data}`: {nfiles} file{'s' if nfiles != 1 else ''}, {nbytes / 1e6:.1f} MB")
    out += ["", "| name | data | runs | min s | median s | MB/s (median) | peak RSS MB | command |",
            "|---|---|--:|--:|--:|--:|--:|---|"]
    for name in order:
        r = rows[name]
        nbytes = sizes.get(r["data"], (0, 0))[0]
        mbs = f"{nbytes / 1e6 / r['med']:.0f}" if nbytes else ""
        rss = f"{r['rss'] / 1e6:.0f}" if r["rss"] is not None else "?"
        cmd = r["cmd"].replace(os.path.dirname(res), "$SCRATCH")
        out.append(f"| {name} | {r['data']} | {len(r['times'])} | {r['min']:.3f} | {r['med']:.3f} | {mbs} | {rss} "
                   f"| `{cmd}` |")

    def med(name):
        return rows[name]["med"] if name in rows else None

    goals = []

    def faster(goal, slow, fast, want):
        if med(slow) is None or med(fast) is None:
            goals.append(f"| {goal} | not measured | |")
            return
        ratio = med(slow) / med(fast)
        state = "met" if ratio >= want else f"not met: {want / ratio:.2f}x to go"
        goals.append(f"| {goal} | {ratio:.2f}x ({fast} {med(fast):.3f} s, {slow} {med(slow):.3f} s) | {state} |")

    def rate(goal, name, want_mbs):
        if med(name) is None:
            goals.append(f"| {goal} | not measured | |")
            return
        mbs = sizes[rows[name]["data"]][0] / 1e6 / med(name)
        state = "met" if mbs >= want_mbs else f"not met: {want_mbs / mbs:.2f}x to go"
        goals.append(f"| {goal} | {mbs:.0f} MB/s | {state} |")

    def memory(goal, name, factor):
        if name not in rows or rows[name]["rss"] is None:
            goals.append(f"| {goal} | not measured | |")
            return
        ratio = rows[name]["rss"] / sizes[rows[name]["data"]][0]
        state = "met" if ratio <= factor else f"not met: {ratio / factor:.2f}x to go"
        goals.append(f"| {goal} | {ratio:.2f}x the input ({rows[name]['rss'] / 1e6:.0f} MB) | {state} |")

    faster("10k files: `summarize --json` >= 4x faster than plain Python", "stdlib", "bl_json", 4)
    if med("bl_json") is not None and med("probe") is not None:
        ratio = med("bl_json") / med("probe")
        state = "met" if ratio <= 3 else f"not met: {ratio / 3:.2f}x to go"
        goals.append(f"| 10k files: `summarize --json` within 3x of the probe | {ratio:.2f}x the probe | {state} |")
    faster("10k files: `summarize --json` >= 15x faster than DuckDB", "duckdb", "bl_json", 15)
    faster("10k files: `summarize --json` >= 50x faster than pandas", "pandas", "bl_json", 50)
    memory("10k files: `summarize --json` peak RSS (no goal; 100k: under 2x)", "bl_json", 2)
    if "k100_bl_json" in rows:
        t = med("k100_bl_json")
        goals.append(f"| 100k files: `summarize --json` under 2 s | {t:.2f} s | "
                     f"{'met' if t < 2 else f'not met: {t / 2:.2f}x to go'} |")
        memory("100k files: peak RSS under 2x the bytes read", "k100_bl_json", 2)
    else:
        goals.append("| 100k files: under 2 s, peak RSS under 2x the bytes | not measured (run with --large) | |")
    rate("300 MB CSV: `summarize` >= 1 GB/s end to end", "big_bl_text", 1000)
    faster("300 MB CSV: `summarize` >= 1.5x DuckDB's all-column scan", "big_duckdb", "big_bl_text", 1.5)
    memory("300 MB CSV: peak RSS at most 0.6x the file", "big_bl_text", 0.6)
    if "j100_bl_text" in rows:
        rate("100 MB JSON: >= 450 MB/s", "j100_bl_text", 450)
    else:
        goals.append("| 100 MB JSON: >= 450 MB/s | not measured (run with --large) | |")
    json_out = os.path.join(os.path.dirname(res), "out", "bl_json.out")
    if med("bl_json") is not None and med("bl_text") is not None and os.path.exists(json_out):
        nbytes = os.path.getsize(json_out)
        extra = med("bl_json") - med("bl_text")
        mbs = nbytes / 1e6 / extra if extra > 0 else float("inf")
        state = "met" if mbs >= 300 else f"not met: {300 / mbs:.2f}x to go"
        goals.append(f"| `benchlens.summary/1` written at >= 300 MB/s (estimate: its {nbytes / 1e6:.1f} MB over the "
                     f"time `--json` adds to `summarize`, {extra:.3f} s) | {mbs:.0f} MB/s | {state} |")
        if rows["bl_json"]["rss"] and rows["bl_text"]["rss"]:
            extra_rss = (rows["bl_json"]["rss"] - rows["bl_text"]["rss"]) / 1e6
            goals.append(f"| `--json` memory beyond `summarize` (no DOM of the whole output) | {extra_rss:.0f} MB "
                         f"for a {nbytes / 1e6:.1f} MB document | {'met' if extra_rss < nbytes / 1e6 else 'not met'} |")
    out += ["", "| goal (issue 15) | measured in this run | state |", "|---|---|---|"] + goals

    base_pairs = [("bl_json", "base_json"), ("bl_text", "base_text"), ("bl_report", "base_report"),
                  ("big_bl_text", "big_base_text")]
    if any(b in rows for _, b in base_pairs):
        out += ["", "| this binary vs the baseline, same run | baseline median s | this median s | speed-up |",
                "|---|--:|--:|--:|"]
        for new, old in base_pairs:
            if new in rows and old in rows:
                out.append(f"| {new} | {med(old):.3f} | {med(new):.3f} | {med(old) / med(new):.2f}x |")
        compare = os.path.join(res, "json_compare.txt")
        if os.path.exists(compare):
            verdict = open(compare).read().strip().splitlines()
            out += ["", f"`summarize --json` of c10k, baseline vs this binary (compare_summary_json.py): "
                        f"**{verdict[-1] if verdict else '?'}**"]
            out += [f"    {line}" for line in verdict[:-1][:20]]
    print("\n".join(out) + "\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Compare two `benchlens summarize --json` documents (benchlens.summary/1) as values, not as text.

usage: compare_summary_json.py BEFORE.json AFTER.json

Exit 0 when they are equal, 1 (and the first differences, by JSON path) when not. Ignored: `benchlens_version` (two
builds differ in it by definition) and members AFTER has that BEFORE lacks (the schema only ever adds fields).
Every number is compared exactly (both parsed to doubles).
"""
import json
import sys


def diff(a, b, path, out, limit=20):
    if len(out) >= limit:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for k in a:
            if path == "" and k == "benchlens_version":
                continue
            if k not in b:
                out.append(f"{path}/{k}: missing after")
            else:
                diff(a[k], b[k], f"{path}/{k}", out, limit)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{path}: {len(a)} elements before, {len(b)} after")
        for i, (x, y) in enumerate(zip(a, b)):
            diff(x, y, f"{path}/{i}", out, limit)
    elif a != b or type(a) is not type(b) and not (isinstance(a, (int, float)) and isinstance(b, (int, float))):
        out.append(f"{path}: {json.dumps(a)[:80]} before, {json.dumps(b)[:80]} after")


def main():
    before = json.load(open(sys.argv[1]))
    after = json.load(open(sys.argv[2]))
    out = []
    diff(before, after, "", out)
    for line in out:
        print(line)
    return 1 if out else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""json_same.py REF NEW: exit 0 when every member of REF is in NEW with the same value.

NEW may hold members REF does not (new fields of a document); arrays must have the same length and order. Prints
the JSON pointer of the first few differences otherwise. Numbers are compared exactly (both files are written by
the same formatter, so a changed digit is a changed number).
"""
import json
import sys


def compare(ref, new, path, out):
    if len(out) >= 20:
        return
    if isinstance(ref, dict):
        if not isinstance(new, dict):
            out.append(f"{path or '/'}: object became {type(new).__name__}")
            return
        for key, value in ref.items():
            if key not in new:
                out.append(f"{path}/{key}: missing")
            else:
                compare(value, new[key], f"{path}/{key}", out)
    elif isinstance(ref, list):
        if not isinstance(new, list) or len(new) != len(ref):
            out.append(f"{path}: array of {len(ref)} became {len(new) if isinstance(new, list) else type(new).__name__}")
            return
        for index, (a, b) in enumerate(zip(ref, new)):
            compare(a, b, f"{path}/{index}", out)
    elif ref != new or type(ref) is not type(new):
        out.append(f"{path}: {json.dumps(ref)[:80]} became {json.dumps(new)[:80]}")


def load(name):
    with open(name, "rb") as f:
        text = f.read()
    if not text.strip():
        return None
    return json.loads(text)


def main():
    ref, new = load(sys.argv[1]), load(sys.argv[2])
    out = []
    compare(ref, new, "", out)
    for line in out:
        print("  " + line)
    return 1 if out else 0


if __name__ == "__main__":
    sys.exit(main())

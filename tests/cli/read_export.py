#!/usr/bin/env python3
"""Reads a BenchLens export back with Python's own csv, json and sqlite3 modules, independently of BenchLens, and
prints it as one JSON document for the CLI test to compare with the Dataset:
  read_export.py csv FILE...     {"tables": {"<file>": {"columns": [...], "rows": [[text, ...], ...]}}}
  read_export.py jsonl FILE...   {"tables": {"<file>": {"rows": [{column: value, ...}, ...]}}}
  read_export.py sqlite FILE     {"tables": {name: {"columns", "types", "rows"}}, "views": {...}, "indices": [...]}
CSV cells stay text (an empty field is ""); JSON and SQLite keep their types (None becomes null)."""
import csv
import json
import sqlite3
import sys


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return {"columns": rows[0], "rows": rows[1:]}


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return {"rows": [json.loads(line) for line in f if line.strip()]}


def read_sqlite(path):
    db = sqlite3.connect(path)
    out = {"tables": {}, "views": {}, "indices": []}
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
        info = db.execute(f'PRAGMA table_info("{name}")').fetchall()
        rows = db.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall()
        out["tables"][name] = {"columns": [c[1] for c in info], "types": [c[2] for c in info],
                               "rows": [list(r) for r in rows]}
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='view' ORDER BY name"):
        metrics = db.execute(f'SELECT DISTINCT metric FROM "{name}"').fetchall()
        count = db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        out["views"][name] = {"metrics": [m[0] for m in metrics], "rows": count}
    out["indices"] = [r[0] for r in db.execute(
        "SELECT tbl_name || '.' || name FROM sqlite_master WHERE type='index' AND sql IS NOT NULL ORDER BY 1")]
    return out


def main():
    kind, paths = sys.argv[1], sys.argv[2:]
    if kind == "sqlite":
        doc = read_sqlite(paths[0])
    else:
        reader = read_csv if kind == "csv" else read_jsonl
        doc = {"tables": {p: reader(p) for p in paths}}
    json.dump(doc, sys.stdout)


main()

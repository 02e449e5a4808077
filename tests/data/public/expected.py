#!/usr/bin/env python3
"""Independent expected values for the public result files in this folder.

Python 3 standard library only.  Every raw file is read here with its own small
parser (nothing from BenchLens is used), and the headline numbers a correct reader
must get are written to expected.json next to this script:

    python3 tests/data/public/expected.py            # rewrite expected.json
    python3 tests/data/public/expected.py --check    # fail if expected.json differs

Unit conventions (BenchLens units), spelled out in every entry's "units" object:
  * latencies / durations ............ ms      (keys end in _ms)
  * time per benchmark iteration ..... ns      (key time_per_iteration_ns / *_ns)
  * token throughput ................. tok/s   (keys end in _tok_s)
  * request throughput ............... req/s   (keys end in _req_s)
  * operation throughput (JMH thrpt) . ops/s   (keys end in _ops_s)
  * memory ........................... bytes   (keys end in _bytes) unless stated
Numbers are rounded to 10 significant digits.  "n" is the number of per-run values
(samples) a group has; "stated" holds the tool's own statistics converted to the
units above; "samples" holds statistics recomputed here from per-run values;
"parameters" are numeric fields that describe the configuration and must NOT be
treated as metrics.
"""
import csv
import io
import json
import os
import re
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


# ----------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------
def rnd(x):
    if isinstance(x, float):
        if x != x or x in (float("inf"), float("-inf")):
            return None
        return float(f"{x:.10g}")
    if isinstance(x, dict):
        return {k: rnd(v) for k, v in x.items()}
    if isinstance(x, list):
        return [rnd(v) for v in x]
    return x


def stats(values):
    values = [float(v) for v in values if v is not None]
    if not values:
        return {"n": 0}
    return {"n": len(values), "mean": statistics.fmean(values),
            "median": statistics.median(values), "min": min(values), "max": max(values)}


def read_text(rel):
    with open(os.path.join(HERE, rel), "rb") as f:
        return f.read().decode("utf-8")


def read_json(rel):
    return json.loads(read_text(rel))


ANSI_RE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
SPINNER_RE = re.compile("[\u2800-\u28ff]")


def clean_text(s):
    """Remove ANSI escapes, carriage-return overwrites and braille spinners."""
    s = ANSI_RE.sub("", s)
    s = SPINNER_RE.sub("", s)
    out = []
    for line in s.split("\n"):
        if "\r" in line:
            line = line.split("\r")[-1]
        out.append(line)
    return "\n".join(out)


TIME_TO_MS = {"ns": 1e-6, "us": 1e-3, "µs": 1e-3, "μs": 1e-3, "ms": 1.0,
              "s": 1000.0, "sec": 1000.0, "secs": 1000.0, "seconds": 1000.0,
              "m": 60000.0, "min": 60000.0, "h": 3600000.0}


def time_ms(value, unit):
    return float(value) * TIME_TO_MS[unit]


GO_DUR_RE = re.compile(r"(\d+(?:\.\d+)?)(ns|µs|μs|us|ms|s|m|h)")


def go_duration_ms(text):
    """Go / k6 style durations: 1m25.86s, 736.1ms, 35.25µs, 2.04s."""
    text = text.strip()
    total = 0.0
    pos = 0
    for m in GO_DUR_RE.finditer(text):
        if m.start() != pos:
            raise ValueError(text)
        total += time_ms(m.group(1), m.group(2))
        pos = m.end()
    if pos != len(text) or pos == 0:
        raise ValueError(text)
    return total


def cell_number(text):
    """'1,474' -> 1474, '**2,917**' -> 2917, '25 ms' -> (25,'ms'), '100.0%' -> (100,'%')."""
    t = text.strip().strip("*").strip()
    m = re.fullmatch(r"~?(-?[\d,]*\.?\d+)\s*([^\d\s].*)?", t)
    if not m:
        return None, None
    return float(m.group(1).replace(",", "")), (m.group(2) or "").strip()


def md_tables(text):
    """Markdown pipe tables with the nearest heading above: [(heading, header, rows)]."""
    tables = []
    heading = None
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        if line.strip().startswith("|") and i + 1 < len(lines) and re.fullmatch(
                r"\s*\|?[\s:|-]+\|?\s*", lines[i + 1]) and "-" in lines[i + 1]:
            header = [c.strip() for c in line.strip().strip("|").split("|")]
            rows = []
            j = i + 2
            while j < len(lines) and lines[j].strip().startswith("|"):
                rows.append([c.strip() for c in lines[j].strip().strip("|").split("|")])
                j += 1
            tables.append((heading, header, rows))
            i = j
            continue
        i += 1
    return tables


# ----------------------------------------------------------------------------
# a tiny YAML subset reader (block mappings / sequences / plain scalars), enough
# for GuideLLM's yaml.dump output
# ----------------------------------------------------------------------------
def yaml_scalar(s):
    s = s.strip()
    if s == "" or s in ("null", "~"):
        return None
    if s == "{}":
        return {}
    if s == "[]":
        return []
    if s in ("true", "True"):
        return True
    if s in ("false", "False"):
        return False
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "\"'":
        return s[1:-1]
    try:
        if re.fullmatch(r"[-+]?\d+", s):
            return int(s)
        return float(s)
    except ValueError:
        return s


def yaml_load(text):
    lines = []
    for raw in text.split("\n"):
        if raw.strip() in ("", "---") or raw.lstrip().startswith("#"):
            continue
        lines.append((len(raw) - len(raw.lstrip(" ")), raw.strip()))
    pos = [0]

    def parse_block(indent):
        if pos[0] >= len(lines):
            return None
        ind, content = lines[pos[0]]
        if content.startswith("- ") or content == "-":
            seq = []
            while pos[0] < len(lines):
                ind, content = lines[pos[0]]
                if ind != indent or not (content.startswith("- ") or content == "-"):
                    break
                rest = content[2:] if content != "-" else ""
                if rest == "":
                    pos[0] += 1
                    seq.append(parse_block(lines[pos[0]][0]) if pos[0] < len(lines) and lines[pos[0]][0] > indent else None)
                elif re.match(r"[^\"'\s][^:]*:( |$)", rest):
                    # mapping that starts on the dash line: re-indent it
                    lines[pos[0]] = (indent + 2, rest)
                    seq.append(parse_block(indent + 2))
                else:
                    seq.append(yaml_scalar(rest))
                    pos[0] += 1
            return seq
        mapping = {}
        while pos[0] < len(lines):
            ind, content = lines[pos[0]]
            if ind != indent or content.startswith("- "):
                break
            key, _, rest = content.partition(":")
            key = key.strip().strip("\"'")
            pos[0] += 1
            if rest.strip() == "":
                if pos[0] < len(lines) and (lines[pos[0]][0] > indent or (
                        lines[pos[0]][0] == indent and lines[pos[0]][1].startswith("- "))):
                    mapping[key] = parse_block(lines[pos[0]][0])
                else:
                    mapping[key] = None
            else:
                # plain or quoted scalars may continue on more-indented lines
                while pos[0] < len(lines) and lines[pos[0]][0] > indent:
                    rest += " " + lines[pos[0]][1]
                    pos[0] += 1
                mapping[key] = yaml_scalar(rest)
        return mapping

    return parse_block(lines[0][0] if lines else 0)


# ----------------------------------------------------------------------------
# criterion.rs
# ----------------------------------------------------------------------------
def criterion_benchmark(rel):
    d = read_json(rel)
    return {"format": "criterion benchmark.json",
            "dimensions": {k: d.get(k) for k in ("group_id", "function_id", "value_str", "full_id")},
            "throughput": d.get("throughput")}


def criterion_estimates(rel):
    d = read_json(rel)
    stated = {}
    for k in ("mean", "median", "std_dev", "median_abs_dev", "slope"):
        if d.get(k):
            stated[k + "_ns"] = d[k]["point_estimate"]
    stated["mean_ci95_lower_ns"] = d["mean"]["confidence_interval"]["lower_bound"]
    stated["mean_ci95_upper_ns"] = d["mean"]["confidence_interval"]["upper_bound"]
    return {"format": "criterion estimates.json", "units": {"time_per_iteration": "ns"},
            "headline": {"time_per_iteration_ns": d["mean"]["point_estimate"]},
            "stated": stated}


def criterion_sample(rel):
    d = read_json(rel)
    per_iter = [t / i for t, i in zip(d["times"], d["iters"])]
    return {"format": "criterion sample.json", "units": {"time_per_iteration": "ns"},
            "sampling_mode": d.get("sampling_mode"),
            "samples": {"time_per_iteration_ns": stats(per_iter)},
            "parameters_not_metrics": ["iters (iteration counts per sample)"],
            "notes": "per-sample time/iteration = times[i]/iters[i]; the sample mean equals "
                     "estimates.json mean.point_estimate"}


# ----------------------------------------------------------------------------
# BenchmarkDotNet
# ----------------------------------------------------------------------------
BDN_TIME_NS = {"ns": 1.0, "us": 1e3, "μs": 1e3, "µs": 1e3, "ms": 1e6, "s": 1e9}
BDN_BYTES = {"B": 1, "KB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}


def bdn_cell(text):
    t = text.strip()
    if t in ("-", "NA", "?", ""):
        return None, None
    m = re.fullmatch(r"(-?[\d,]*\.?\d+)\s*(ns|us|μs|µs|ms|s|B|KB|MB|GB)?", t)
    if not m:
        return None, None
    v = float(m.group(1).replace(",", ""))
    u = m.group(2)
    if u in BDN_TIME_NS:
        return v * BDN_TIME_NS[u], "ns"
    if u in BDN_BYTES:
        return v * BDN_BYTES[u], "bytes"
    return v, ""


BDN_METRIC_COLS = {"Mean", "Error", "StdDev", "Median", "Min", "Max", "Q1", "Q3", "Ratio", "RatioSD",
                   "Rank", "Gen 0", "Gen 1", "Gen 2", "Gen0", "Gen1", "Gen2", "Allocated",
                   "Alloc Ratio", "Op/s", "P95", "StdErr"}


def bdn_json(rel):
    d = read_json(rel)
    groups = []
    for b in d["Benchmarks"]:
        s = b.get("Statistics") or {}
        ms = b.get("Measurements", [])
        result = [m["Nanoseconds"] / m["Operations"] for m in ms
                  if m["IterationMode"] == "Workload" and m["IterationStage"] == "Result"]
        actual = [m for m in ms if m["IterationMode"] == "Workload" and m["IterationStage"] == "Actual"]
        warm = [m for m in ms if m["IterationMode"] == "Workload" and m["IterationStage"] == "Warmup"]
        other = [m for m in ms if m["IterationMode"] != "Workload" or m["IterationStage"] not in ("Result", "Actual")]
        pct = s.get("Percentiles", {})
        groups.append({
            "name": b["Method"],
            "dimensions": {"Type": b["Type"], "Method": b["Method"], "Parameters": b["Parameters"],
                           "FullName": b["FullName"]},
            "n": s.get("N"),
            "stated": {"mean_ns": s.get("Mean"), "median_ns": s.get("Median"),
                       "stddev_ns": s.get("StandardDeviation"), "min_ns": s.get("Min"),
                       "max_ns": s.get("Max"), "p90_ns": pct.get("P90"), "p95_ns": pct.get("P95"),
                       "bytes_allocated_per_op": (b.get("Memory") or {}).get("BytesAllocatedPerOperation")},
            "samples": {"time_per_iteration_ns": stats(result)},
            "measurement_window": {"workload_result": len(result), "workload_actual": len(actual),
                                   "workload_warmup": len(warm),
                                   "other_excluded (overhead/jitting/pilot/warmup)": len(other)},
        })
    return {"format": "BenchmarkDotNet full JSON", "units": {"time_per_iteration": "ns", "memory": "bytes"},
            "title": d.get("Title"), "groups": groups,
            "parameters_not_metrics": ["IterationCount/LaunchCount/WarmupCount in DisplayInfo",
                                       "Operations", "IterationIndex", "LaunchIndex"],
            "notes": "samples = Workload/Result measurements (Nanoseconds/Operations); warm-up, "
                     "pilot, jitting and overhead measurements are outside the measurement window "
                     "and must not be mixed in; stated n = Statistics.N (after outlier removal)"}


def bdn_csv(rel):
    rows = list(csv.reader(io.StringIO(read_text(rel))))
    header = rows[0]
    mean_at = header.index("Mean")
    groups = []
    params_cols = set()
    for r in rows[1:]:
        rec = dict(zip(header, r))
        params = {}
        for c in header[:mean_at]:
            if c in ("Method", "Job"):
                continue
            v = rec[c]
            if v not in ("Default", "Empty", "") and re.fullmatch(r"-?\d+(\.\d+)?", v):
                params[c] = v if c == "Affinity" else (int(v) if v.isdigit() else float(v))
                params_cols.add(c)
        stated = {}
        for c in header[mean_at:]:
            v, u = bdn_cell(rec[c])
            if v is None:
                continue
            key = c.replace(" ", "_").lower()
            stated[key + ("_ns" if u == "ns" else "_bytes" if u == "bytes" else "")] = v
        groups.append({"name": rec["Method"], "dimensions": {"Method": rec["Method"], "Job": rec.get("Job")},
                       "parameters": params, "n": None, "stated": stated})
    return {"format": "BenchmarkDotNet CSV exporter", "units": {"time_per_iteration": "ns", "memory": "bytes (KB=1024 B)"},
            "groups": groups, "parameters_not_metrics": sorted(params_cols),
            "notes": "one row per benchmark case, values are the tool's summary statistics (reported, not samples); "
                     "Affinity is a bit mask string, not a number"}


def bdn_md(rel):
    text = read_text(rel)
    job = {}
    m = re.search(r"^(Job=.*?)\n\s*\n?```", text, re.S | re.M)
    if m:
        for k, v in re.findall(r"(\w+)=(\S+)", m.group(1)):
            job[k] = v
    version = re.search(r"BenchmarkDotNet[ =]v([\d.]+)", text).group(1)
    (_, header, rows), = md_tables(text)
    groups = []
    param_cols = [c for c in header if c not in BDN_METRIC_COLS and c != "Method"]
    for r in rows:
        rec = dict(zip(header, r))
        stated = {}
        for c in header:
            if c in BDN_METRIC_COLS:
                v, u = bdn_cell(rec[c])
                if v is not None:
                    stated[c.replace(" ", "_").lower() + ("_ns" if u == "ns" else "_bytes" if u == "bytes" else "")] = v
        groups.append({"name": rec["Method"], "dimensions": {"Method": rec["Method"]},
                       "parameters": {c: (int(rec[c]) if rec[c].isdigit() else rec[c]) for c in param_cols},
                       "n": None, "stated": stated})
    return {"format": "BenchmarkDotNet GitHub Markdown exporter", "benchmarkdotnet_version": version,
            "units": {"time_per_iteration": "ns", "memory": "bytes (KB=1024 B)"},
            "job_parameters": job, "groups": groups,
            "parameters_not_metrics": param_cols + sorted(job),
            "notes": "summary table: reported values, not samples; '-' / 'NA' / '?' cells are missing values"}


# ----------------------------------------------------------------------------
# JMH
# ----------------------------------------------------------------------------
def jmh_convert(value, unit):
    """-> (key, value) in BenchLens units."""
    m = re.fullmatch(r"(ops)/(ns|us|ms|s|min)", unit)
    if m:
        per_s = {"ns": 1e9, "us": 1e6, "ms": 1e3, "s": 1.0, "min": 1 / 60.0}[m.group(2)]
        return "ops_s", value * per_s
    m = re.fullmatch(r"(ns|us|ms|s)/op", unit)
    if m:
        return "time_per_iteration_ns", value * {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[m.group(1)]
    raise ValueError(unit)


def jmh_json(rel):
    d = read_json(rel)
    groups = []
    for b in d:
        pm = b["primaryMetric"]
        key, score = jmh_convert(pm["score"], pm["scoreUnit"])
        raw = [x for fork in pm.get("rawData", []) for x in fork]
        conv = [jmh_convert(x, pm["scoreUnit"])[1] for x in raw]
        pct = {p: jmh_convert(v, pm["scoreUnit"])[1] for p, v in pm["scorePercentiles"].items()}
        groups.append({
            "name": b["benchmark"], "dimensions": {"benchmark": b["benchmark"], "mode": b["mode"],
                                                   "params": b.get("params", {})},
            "parameters": {k: b[k] for k in ("threads", "forks", "warmupIterations", "measurementIterations",
                                             "warmupBatchSize", "measurementBatchSize") if k in b},
            "n": len(raw),
            "stated": {"score_" + key: score, "score_error_" + key: jmh_convert(pm["scoreError"], pm["scoreUnit"])[1]
                       if isinstance(pm["scoreError"], (int, float)) else None,
                       "p50_" + key: pct.get("50.0"), "p90_" + key: pct.get("90.0"),
                       "p95_" + key: pct.get("95.0"), "p99_" + key: pct.get("99.0"),
                       "unit_in_file": pm["scoreUnit"]},
            "samples": {key: stats(conv)}})
    return {"format": "JMH -rf json", "units": {"throughput": "ops/s", "time_per_iteration": "ns"},
            "groups": groups,
            "parameters_not_metrics": ["threads", "forks", "warmupIterations", "measurementIterations",
                                       "warmupBatchSize", "measurementBatchSize", "params.*"],
            "notes": "samples = rawData (all forks x measurement iterations); warm-up iterations are not in rawData"}


def jmh_text(rel):
    lines = read_text(rel).split("\n")
    header = lines[0].split()
    groups = []
    all_params = {}
    for line in lines[1:]:
        parts = line.split()
        if len(parts) < 6 or not parts[0][0].isalpha() or parts[0] == "Benchmark":
            if parts and parts[0] == "Benchmark":
                header = parts
            continue
        # Benchmark, params..., Mode, Cnt, Score, ±, Error, Units
        units = parts[-1]
        err = float(parts[-2].replace(",", "."))
        score = float(parts[-4].replace(",", "."))
        cnt = int(parts[-5])
        mode = parts[-6]
        params = dict(zip([h.strip("()") for h in header[1:-5]], parts[1:-6]))
        all_params.update(params)
        key, v = jmh_convert(score, units)
        groups.append({"name": parts[0], "dimensions": {"benchmark": parts[0], "mode": mode},
                       "parameters": params, "n": cnt,
                       "stated": {"score_" + key: v, "score_error_" + key: jmh_convert(err, units)[1]}})
    return {"format": "JMH console result table", "units": {"time_per_iteration": "ns"},
            "groups": groups, "parameters_not_metrics": sorted(all_params) + ["Cnt"],
            "notes": "decimal commas ('0,022'); 'N/A' parameter cells; Cnt is the stated number of samples"}


# ----------------------------------------------------------------------------
# k6
# ----------------------------------------------------------------------------
def k6_trend(values):
    out = {}
    for k, v in values.items():
        if k in ("avg", "min", "med", "max") or k.startswith("p("):
            name = {"avg": "mean", "med": "median"}.get(k, k.replace("p(", "p").replace(")", ""))
            out[name + "_ms"] = v
    return out


def k6_json(rel):
    d = read_json(rel)
    metrics = d["metrics"]
    flat = {}
    for name, m in metrics.items():
        flat[name] = m["values"] if "values" in m else m
    kind = "handleSummary JSON" if any("values" in m for m in metrics.values()) else "--summary-export JSON"
    dur = flat["http_req_duration"]
    res = {"format": "k6 " + kind, "units": {"latency": "ms", "throughput": "req/s"},
           "groups": [{"name": "http_req_duration", "n": flat["http_reqs"]["count"],
                       "stated": dict(k6_trend(dur), **{
                           "http_reqs_count": flat["http_reqs"]["count"],
                           "http_reqs_rate_req_s": flat["http_reqs"]["rate"],
                           "iterations_count": flat["iterations"]["count"],
                           "iteration_duration_mean_ms": flat["iteration_duration"]["avg"]})}],
           "parameters_not_metrics": ["vus", "vus_max"]}
    subs = {k: k6_trend(v) for k, v in flat.items() if k.startswith("http_req_duration{")}
    if subs:
        res["groups"][0]["sub_metrics"] = subs
    if "vus_max" in flat:
        res["parameters"] = {"vus_max": flat["vus_max"].get("value", flat["vus_max"].get("max"))}
    chk = flat.get("checks")
    if chk:
        res["groups"][0]["stated"]["checks_passes"] = chk.get("passes")
        res["groups"][0]["stated"]["checks_fails"] = chk.get("fails")
    if "state" in d:
        res["groups"][0]["stated"]["test_run_duration_ms"] = d["state"]["testRunDurationMs"]
    res["notes"] = ("k6 trend values are already in ms (summaryTimeUnit default); counters give count and "
                    "rate per second; n = http_reqs count (requests), no per-request samples in the file")
    return res


K6_LINE = re.compile(r"^\s*(\{[^}]*\}|[A-Za-z_][\w{}:,.\- ]*?)\.{2,}:\s*(.*)$")


def k6_console(rel):
    text = clean_text(read_text(rel))
    metrics = {}
    parent = None
    for line in text.split("\n"):
        m = K6_LINE.match(line)
        if not m:
            continue
        name, rest = m.group(1).strip(), m.group(2).strip()
        if name.startswith("{"):
            name = parent + re.sub(r"\s+", "", name)
        else:
            parent = name
        if "avg=" in rest:
            vals = {}
            for k, v in re.findall(r"(avg|min|med|max|p\([\d.]+\)|count)=(\S+)", rest):
                if k == "count":
                    vals["count"] = int(v)
                else:
                    key = {"avg": "mean", "med": "median"}.get(k, k.replace("p(", "p").replace(")", ""))
                    vals[key + "_ms"] = go_duration_ms(v)
            metrics[name] = vals
        else:
            m2 = re.match(r"([\d.]+)\s+([\d.]+)/s", rest)
            if m2:
                c = float(m2.group(1))
                metrics[name] = {"count": int(c) if c.is_integer() else c, "rate_per_s": float(m2.group(2))}
            m3 = re.match(r"(\d+)\s+min=(\d+)\s+max=(\d+)", rest)
            if m3:
                metrics[name] = {"value": int(m3.group(1)), "min": int(m3.group(2)), "max": int(m3.group(3))}
    scen = re.search(r"scenarios:.*?(\d+) scenarios?, (\d+) max VUs, (\S+) max duration", text)
    stated = dict(metrics["http_req_duration"])
    stated["http_reqs_count"] = metrics["http_reqs"]["count"]
    stated["http_reqs_rate_req_s"] = metrics["http_reqs"]["rate_per_s"]
    stated["iterations_count"] = metrics["iterations"]["count"]
    stated["iteration_duration_mean_ms"] = metrics["iteration_duration"]["mean_ms"]
    subs = {k: v for k, v in metrics.items() if k.startswith("http_req_duration{")}
    params = {}
    if scen:
        params = {"scenarios": int(scen.group(1)), "max_vus": int(scen.group(2)),
                  "max_duration_ms": go_duration_ms(scen.group(3))}
    if "vus_max" in metrics:
        params["vus_max"] = metrics["vus_max"]["value"]
    return {"format": "k6 console end-of-test summary", "units": {"latency": "ms", "throughput": "req/s"},
            "groups": [{"name": "http_req_duration", "n": int(metrics["http_reqs"]["count"]),
                        "stated": stated, "sub_metrics": subs}],
            "parameters": params,
            "parameters_not_metrics": ["max VUs", "max duration (a time limit, not a latency)", "vus", "vus_max",
                                       "scenario iteration counts"],
            "notes": "progress lines ('running (...)', '[ 100% ]') are not results; durations mix µs/ms/s"}


# ----------------------------------------------------------------------------
# go test -bench
# ----------------------------------------------------------------------------
GO_LINE = re.compile(r"^(Benchmark[^\s]*?)(?:-(\d+))?\s+(\d+)\s+(.*?ns/op.*)$")


def go_bench(rel):
    text = read_text(rel)
    per = {}
    order = []
    procs = {}
    for line in text.split("\n"):
        m = GO_LINE.match(line.strip())
        if not m:
            continue
        name = m.group(1)
        vals = dict((u, float(v)) for v, u in re.findall(r"([\d.]+)\s+(\S+/op|MB/s)", m.group(4)))
        if name not in per:
            per[name] = []
            order.append(name)
        procs[name] = m.group(2)
        per[name].append({"iterations": int(m.group(3)), **vals})
    groups = []
    for name in order:
        runs = per[name]
        params = {"GOMAXPROCS_suffix": procs[name]}
        params.update(dict(re.findall(r"/([^/=]+)=([^/]+)", name)))
        g = {"name": name, "parameters": params, "n": len(runs),
             "samples": {"time_per_iteration_ns": stats([r["ns/op"] for r in runs])}}
        if any("B/op" in r for r in runs):
            g["samples"]["bytes_per_op"] = stats([r["B/op"] for r in runs if "B/op" in r])
            g["samples"]["allocs_per_op"] = stats([r["allocs/op"] for r in runs if "allocs/op" in r])
        if any("MB/s" in r for r in runs):
            g["samples"]["throughput_MB_s"] = stats([r["MB/s"] for r in runs if "MB/s" in r])
        g["iterations_b_N"] = [r["iterations"] for r in runs]
        groups.append(g)
    return {"format": "go test -bench text", "units": {"time_per_iteration": "ns"},
            "groups": groups,
            "parameters_not_metrics": ["b.N iteration count (2nd column)", "-N GOMAXPROCS suffix",
                                       "key=value parts of sub-benchmark names (size=15, bits=32 ...)"],
            "notes": "each Benchmark line is one sample of its benchmark; repeated lines of the same name are "
                     "repeated runs (e.g. -count or appended logs)"}


# ----------------------------------------------------------------------------
# oha
# ----------------------------------------------------------------------------
def oha_json(rel):
    d = read_json(rel)
    wrapped = False
    if "summary" not in d:
        d = d["stdout"]["value"]
        wrapped = True
    s = d["summary"]
    lp = d["latencyPercentiles"]
    n = sum(d.get("statusCodeDistribution", {}).values())
    return {"format": "oha -j JSON" + (" (wrapped in a runner's {stdout:{value}} envelope)" if wrapped else ""),
            "units": {"latency": "ms", "throughput": "req/s"},
            "groups": [{"name": "requests", "n": n,
                        "stated": {"mean_ms": s["average"] * 1000, "fastest_ms": s["fastest"] * 1000,
                                   "slowest_ms": s["slowest"] * 1000, "total_duration_ms": s["total"] * 1000,
                                   "requests_per_sec_req_s": s["requestsPerSec"], "success_rate": s["successRate"],
                                   **{k + "_ms": v * 1000 for k, v in lp.items()}},
                        "status_codes": d.get("statusCodeDistribution")}],
            "notes": "oha JSON latencies are in seconds; n = sum of statusCodeDistribution"}


def oha_text(rel):
    text = read_text(rel)
    g = {}
    for k, v in re.findall(r"^\s*(Total|Slowest|Fastest|Average):\s*([\d.]+) secs", text, re.M):
        g[k.lower() + "_ms"] = float(v) * 1000
    g["requests_per_sec_req_s"] = float(re.search(r"Requests/sec:\s*([\d.]+)", text).group(1))
    for p, v in re.findall(r"^\s*([\d.]+)% in ([\d.]+) secs", text, re.M):
        g["p" + ("%g" % float(p)) + "_ms"] = float(v) * 1000
    n = sum(int(c) for c in re.findall(r"\[\d+\] (\d+) responses", text))
    g["mean_ms"] = g.pop("average_ms")
    g["total_duration_ms"] = g.pop("total_ms")
    return {"format": "oha console summary", "units": {"latency": "ms", "throughput": "req/s"},
            "groups": [{"name": "requests", "n": n, "stated": g}],
            "notes": "'secs' values converted to ms; histogram bucket lines are not samples"}


# ----------------------------------------------------------------------------
# wrk / wrk2
# ----------------------------------------------------------------------------
def wrk_runs(text):
    runs = []
    blocks = re.split(r"(?=^\s*Running \S+ test @)", text, flags=re.M)
    for b in blocks[1:]:
        r = {}
        m = re.search(r"(\d+) threads and (\d+) connections", b)
        r["threads"], r["connections"] = int(m.group(1)), int(m.group(2))
        m = re.search(r"^\s*Latency\s+([\d.]+)(\w+)\s+([\d.]+)(\w+)\s+([\d.]+)(\w+)", b, re.M)
        r["latency_mean_ms"] = time_ms(m.group(1), m.group(2))
        r["latency_stdev_ms"] = time_ms(m.group(3), m.group(4))
        r["latency_max_ms"] = time_ms(m.group(5), m.group(6))
        for p, v, u in re.findall(r"^\s*([\d.]+)%\s+([\d.]+)(us|ms|s)\s*$", b, re.M):
            key = "p" + ("%g" % float(p)) + "_ms"
            r.setdefault(key, time_ms(v, u))
        m = re.search(r"(\d+) requests in ([\d.]+)(\w+)", b)
        r["requests"] = int(m.group(1))
        r["duration_ms"] = time_ms(m.group(2), m.group(3))
        r["requests_per_sec_req_s"] = float(re.search(r"Requests/sec:\s*([\d.]+)", b).group(1))
        m = re.search(r"#\[Mean\s*=\s*([\d.]+), StdDeviation\s*=\s*([\d.]+)\]", b)
        if m:
            r["hdr_mean_ms"] = float(m.group(1))
            r["hdr_stddev_ms"] = float(m.group(2))
            r["hdr_total_count"] = int(re.search(r"Total count\s*=\s*(\d+)", b).group(1))
        runs.append(r)
    return runs


def wrk_file(rel):
    text = read_text(rel)
    runs = wrk_runs(text)
    cmd = re.search(r"-t(\d+) -c(\d+) -d(\S+)(?: -R(\d+))?", text)
    params = {"threads": runs[0]["threads"], "connections": runs[0]["connections"]}
    if cmd and cmd.group(4):
        params["rate_R_req_s"] = int(cmd.group(4))
    params["duration_flag"] = cmd.group(3) if cmd else None
    heads = [h for h, _, _ in md_tables(text)] if False else re.findall(r"^\*\*(.+?)\*\*\s*$", text, re.M)
    return {"format": "wrk2 console" if "hdr_mean_ms" in runs[0] else "wrk console",
            "units": {"latency": "ms", "throughput": "req/s"},
            "parameters": params,
            "run_headings": heads,
            "groups": [{"name": "runs", "n": len(runs),
                        "samples": {"requests_per_sec_req_s": stats([r["requests_per_sec_req_s"] for r in runs]),
                                    "latency_mean_ms": stats([r["latency_mean_ms"] for r in runs])},
                        "stated_per_run": runs}],
            "parameters_not_metrics": ["threads", "connections", "-d duration", "-R target rate (wrk2)",
                                       "'Thread calibration: mean lat.' lines are calibration, not results"],
            "notes": "each 'Running ... test' block is one run; for wrk2 the HdrHistogram percentile "
                     "spectrum rows are a distribution, not runs"}


# ----------------------------------------------------------------------------
# TensorRT-LLM trtllm-bench
# ----------------------------------------------------------------------------
def trtllm_console(rel):
    text = read_text(rel)
    kv = dict((k.strip(), v.strip()) for k, v in re.findall(r"^([A-Z][^:\n\[]*?):\t+([^\t\n]+)$", text, re.M))
    stated = {"request_throughput_req_s": float(kv["Request Throughput (req/sec)"]),
              "token_throughput_tok_s": float(kv["Token Throughput (tokens/sec)"]),
              "total_latency_ms": float(kv["Total Latency (ms)"])}
    params = {"num_requests": int(kv["Number of requests"]),
              "avg_input_length_tokens": float(kv["Average Input Length (tokens)"]),
              "avg_output_length_tokens": float(kv["Average Output Length (tokens)"]),
              "tp_size": int(kv["TP Size"]), "pp_size": int(kv["PP Size"]),
              "max_runtime_batch_size": int(kv["Max Runtime Batch Size"]),
              "max_runtime_tokens": int(kv["Max Runtime Tokens"]),
              "max_sequence_length": int(kv["Max Sequence Length"]),
              "issue_rate_req_s": float(kv["Issue Rate (req/sec)"]),
              "kv_memory_percentage": float(kv["KV Memory Percentage"].rstrip("%"))}
    return {"format": "trtllm-bench throughput console report", "units": {"latency": "ms", "throughput": "tok/s, req/s"},
            "dimensions": {"model": kv["Model"], "tensorrt_llm_version": kv["TensorRT-LLM Version"],
                           "dtype": kv["Dtype"], "quantization": kv["Quantization"]},
            "groups": [{"name": kv["Model"], "n": params["num_requests"], "stated": stated}],
            "parameters": params, "parameters_not_metrics": sorted(params),
            "notes": "[TRT-LLM] log lines around the report are noise; 'Number of requests' is n"}


def trtllm_json(rel):
    d = read_json(rel)
    p = d["performance"]
    s = d.get("streaming_metrics", {})
    stated = {"total_latency_ms": p["total_latency_ms"], "request_latency_mean_ms": p["avg_request_latency_ms"],
              "request_throughput_req_s": p["request_throughput_req_s"],
              "output_throughput_tok_s": p["system_output_throughput_tok_s"],
              "total_throughput_tok_s": p["system_total_throughput_tok_s"],
              "output_throughput_per_user_tok_s": p["output_throughput_per_user_tok_s"]}
    for k in ("p50", "p90", "p95", "p99"):
        stated["request_latency_" + k + "_ms"] = p["request_latency_percentiles_ms"][k]
    if s:
        stated["ttft_mean_ms"] = s["avg_ttft_ms"]
        stated["tpot_mean_ms"] = s["avg_tpot_ms"]
        for k in ("p50", "p90", "p95", "p99"):
            stated["ttft_" + k + "_ms"] = s["ttft_percentiles"][k]
            stated["tpot_" + k + "_ms"] = s["tpot_percentiles"][k]
    params = dict(d["world_info"])
    params.update({k: v for k, v in d["request_info"].items() if k != "num_requests"})
    params["max_input_length"] = d["engine"]["max_input_length"]
    params["max_sequence_length"] = d["engine"]["max_sequence_length"]
    return {"format": "trtllm-bench --report_json", "units": {"latency": "ms", "throughput": "tok/s, req/s"},
            "dimensions": {"model": d["engine"]["model"], "backend": d["engine"]["backend"],
                           "dtype": d["engine"]["dtype"], "version": d["engine"]["version"],
                           "gpu": d["machine"]["name"]},
            "groups": [{"name": d["engine"]["model"], "n": d["request_info"]["num_requests"], "stated": stated}],
            "parameters": params, "parameters_not_metrics": sorted(params),
            "notes": "units are in the key names (_ms, _tok_s, _req_s); avg_num_concurrent_requests is measured load, "
                     "report it but do not average it with latencies"}


# ----------------------------------------------------------------------------
# GuideLLM
# ----------------------------------------------------------------------------
def guidellm_report(d, fmt):
    groups = []
    for b in d["benchmarks"]:
        strat = b["args"]["strategy"]
        m = b["metrics"]

        def dist(name, scale=1.0):
            x = m[name]["successful"]
            out = {"mean": x["mean"] * scale, "median": x["median"] * scale, "count": x["count"]}
            for p in ("p50", "p90", "p95", "p99"):
                if p in x["percentiles"]:
                    out[p] = x["percentiles"][p] * scale
            return out
        reqs = (b.get("requests") or {}).get("successful") or []
        groups.append({
            "name": strat["type_"] + ("@%g" % strat["rate"] if strat.get("rate") is not None else ""),
            "dimensions": {"strategy": strat["type_"], "backend_model": b["worker"]["backend_model"],
                           "data": b["request_loader"]["data"]},
            "n": b["request_totals"]["successful"],
            "stated": {"request_latency_ms": dist("request_latency", 1000.0),
                       "ttft_ms": dist("time_to_first_token_ms"), "itl_ms": dist("inter_token_latency_ms"),
                       "tpot_ms": dist("time_per_output_token_ms"),
                       "output_tokens_per_second_tok_s": dist("output_tokens_per_second"),
                       "tokens_per_second_tok_s": dist("tokens_per_second"),
                       "requests_per_second_req_s": dist("requests_per_second"),
                       "request_concurrency": dist("request_concurrency")},
            "request_totals": b["request_totals"],
            "sampled_requests": {"n": len(reqs),
                                 "request_latency_ms": stats([r["request_latency"] * 1000 for r in reqs])},
            "measurement_window": {k: b["args"].get(k) for k in ("warmup_number", "warmup_duration",
                                                                 "cooldown_number", "cooldown_duration",
                                                                 "max_number", "max_duration")},
        })
    return {"format": fmt, "units": {"latency": "ms (request_latency is stored in seconds in the file)",
                                     "throughput": "tok/s, req/s"},
            "groups": groups,
            "parameters_not_metrics": ["args.max_duration (time limit, s)", "args.max_number", "strategy rate",
                                       "profile.sweep_size", "random_seed", "backend_info.max_output_tokens",
                                       "backend_info.timeout", "prompt_tokens/output_tokens in data"],
            "notes": "n = request_totals.successful; only successful requests count; the requests list is "
                     "a sample of requests (request_samples), not all of them"}


def guidellm_json(rel):
    return guidellm_report(read_json(rel), "GuideLLM benchmarks.json")


def guidellm_yaml(rel):
    return guidellm_report(yaml_load(read_text(rel)), "GuideLLM benchmarks.yaml")


def guidellm_console(rel):
    text = clean_text(read_text(rel))
    models = re.findall(r"backend_model='([^']+)'", re.sub(r"\s+", " ", text))
    sections = re.split(r"^Benchmarks Stats:?\s*$", text, flags=re.M)
    runs = []
    infos = re.split(r"^Benchmarks Info:?\s*$", text, flags=re.M)
    for si, sec in enumerate(sections[1:]):
        body = sec.split("\n")
        hdr = next(l for l in body if "Req Latency" in l)
        lat_unit = re.search(r"Req Latency \((\w+)\)", hdr).group(1)
        rows = []
        started = False
        for line in body:
            if re.match(r"^-+\|", line):
                started = True
                continue
            if started:
                if line.startswith("="):
                    break
                cells = [c.strip() for c in line.split("|")]
                if len(cells) >= 17:
                    rows.append(cells)
        # counts from the matching Benchmarks Info table
        info = infos[si + 1] if si + 1 < len(infos) else ""
        comp = {}
        started = False
        for line in info.split("\n"):
            if re.match(r"^-+\|", line):
                started = True
                continue
            if started:
                if line.startswith("="):
                    break
                cells = [c.strip() for c in line.split("|")]
                if len(cells) >= 7:
                    comp[cells[0]] = {"completed": int(cells[4]), "incomplete": int(cells[5]), "errored": int(cells[6])}
        benches = []
        for c in rows:
            f = [float(x) for x in c[1:17]]
            lat_scale = 1000.0 if lat_unit == "sec" else 1.0
            g = {"name": c[0], "n": comp.get(c[0], {}).get("completed"), "request_counts": comp.get(c[0]),
                 "stated": {"requests_per_second_req_s": f[0], "concurrency": f[1],
                            "output_tok_s_mean": f[2], "total_tok_s_mean": f[3],
                            "request_latency_mean_ms": f[4] * lat_scale, "request_latency_median_ms": f[5] * lat_scale,
                            "request_latency_p99_ms": f[6] * lat_scale,
                            "ttft_mean_ms": f[7], "ttft_median_ms": f[8], "ttft_p99_ms": f[9],
                            "itl_mean_ms": f[10], "itl_median_ms": f[11], "itl_p99_ms": f[12],
                            "tpot_mean_ms": f[13], "tpot_median_ms": f[14], "tpot_p99_ms": f[15]}}
            if lat_unit == "ms":
                # the 0.2.x console labels this column (ms) but prints seconds: 4.36 next to 59.8 ms TTFT
                # and 16.8 ms ITL x 256 tokens = ~4.3 s.  A correct reader takes the value as seconds.
                g["stated"]["request_latency_mean_ms"] = f[4] * 1000.0
                g["stated"]["request_latency_median_ms"] = f[5] * 1000.0
                g["stated"]["request_latency_p99_ms"] = f[6] * 1000.0
                g["label_unit_conflict"] = "header says 'Req Latency (ms)' but the values are seconds"
            benches.append(g)
        runs.append({"latency_header_unit": lat_unit, "benchmarks": benches})
    return {"format": "GuideLLM console tables (Benchmarks Info / Benchmarks Stats)",
            "units": {"latency": "ms", "throughput": "tok/s, req/s"},
            "dimensions": {"backend_model": models[0] if models else None},
            "runs": runs,
            "parameters_not_metrics": ["constant@<rate> target rate in the benchmark name", "Concurrency (measured)",
                                       "max_number / max_duration in Args", "prompt_tokens/output_tokens"],
            "notes": "two-row headers: the first row names the group (Req Latency (sec), TTFT (ms) ...) and the "
                     "second row the statistic (mean/median/p99); the box-drawn progress panel repeats "
                     "rounded values and must not be read as extra runs"}


# ----------------------------------------------------------------------------
# Ollama-based and other people's own LLM benchmark outputs
# ----------------------------------------------------------------------------
def ollama_verbose_log(rel):
    text = clean_text(read_text(rel))
    groups = {}
    model = None
    cur = None
    for line in text.split("\n"):
        m = re.match(r"\s*model_name\s*=\s*(\S+)", line)
        if m:
            model = m.group(1)
            continue
        m = re.match(r"\s*(total duration|load duration|prompt eval count|prompt eval duration|prompt eval rate|"
                     r"eval count|eval duration|eval rate):\s+(.+?)\s*$", line)
        if not m:
            continue
        key, val = m.group(1), m.group(2)
        if key == "total duration":
            cur = {}
            groups.setdefault(model, []).append(cur)
        if key.endswith("duration"):
            cur[key.replace(" ", "_") + "_ms"] = go_duration_ms(val)
        elif key.endswith("count"):
            cur[key.replace(" ", "_") + "_tokens"] = int(val.split()[0])
        else:
            cur[key.replace(" ", "_") + "_tok_s"] = float(val.split()[0])
    out = []
    for model, runs in groups.items():
        keys = sorted({k for r in runs for k in r})
        out.append({"name": model, "dimensions": {"model": model}, "n": len(runs),
                    "samples": {k: stats([r[k] for r in runs if k in r]) for k in keys}})
    return {"format": "repeated 'ollama run --verbose' statistics blocks", "units": {"duration": "ms", "rate": "tok/s"},
            "groups": out,
            "parameters_not_metrics": ["prompt eval count / eval count are token counts per run (report, do not "
                                       "treat as latency or throughput)"],
            "notes": "ANSI escapes and braille spinner characters precede the first key of every block; "
                     "Go durations such as 1m25.86219397s"}


def ollama_llm_benchmark_md(rel):
    text = read_text(rel)
    groups = []
    for block in re.split(r"^model_name\s*=\s*", text, flags=re.M)[1:]:
        model = block.split("\n", 1)[0].strip()
        rates = [float(x) for x in re.findall(r"^eval rate:\s+([\d.]+) tokens/s", block, re.M)]
        avg = re.search(r"Average of eval rate:\s+([\d.]+)", block)
        groups.append({"name": model, "dimensions": {"model": model}, "n": len(rates),
                       "samples": {"eval_rate_tok_s": stats(rates)},
                       "stated": {"average_eval_rate_tok_s": float(avg.group(1)) if avg else None}})
    return {"format": "llm_benchmark (ollama) console output in Markdown", "units": {"rate": "tok/s"},
            "groups": groups,
            "system": dict(re.findall(r"^(Total memory size|cpu_info|gpu_info|os_version|ollama_version)\s*:\s*(.+?)\s*$",
                                      text, re.M)),
            "notes": "one 'eval rate' line per prompt = one sample; 'Average of eval rate' is the tool's stated mean"}


def md_table_file(rel, spec):
    """Generic Markdown table reader; spec lists the columns and their roles."""
    text = read_text(rel)
    out_tables = []
    for heading, header, rows in md_tables(text):
        if spec.get("tables") and heading not in spec["tables"]:
            continue
        if spec.get("first_col") and header[0] != spec["first_col"]:
            continue
        recs = []
        for r in rows:
            rec = {}
            for h, c in zip(header, r):
                if h in spec.get("skip", ()):
                    continue
                v, u = cell_number(c)
                if h in spec.get("dims", ()) or v is None:
                    rec[h] = c.strip("* ")
                    continue
                hu = re.search(r"\((ms|s|sec|min|us)\)", h)
                if u in TIME_TO_MS:
                    rec[h + " [ms]"] = time_ms(v, u)
                elif hu and u == "":
                    rec[re.sub(r"\s*\((ms|s|sec|min|us)\)", "", h) + " [ms]"] = time_ms(v, hu.group(1))
                else:
                    rec[h] = v
            recs.append(rec)
        out_tables.append({"heading": heading, "n_rows": len(recs), "rows": recs})
    return out_tables


def nelstevens_averages(rel):
    t = md_table_file(rel, {"dims": ["Model Name"]})
    groups = [{"name": r["Model Name"], "dimensions": {"model": r["Model Name"]},
               "n": int(r["# of Eval Rates"]), "stated": {"eval_rate_mean_tok_s": r["Average Eval Rate (tokens/s)"]}}
              for r in t[0]["rows"]]
    return {"format": "own-script Markdown summary table (reported means with n)", "units": {"rate": "tok/s"},
            "groups": groups, "parameters_not_metrics": ["# of Eval Rates (this is n, not a metric)"]}


def nexveridian_readme(rel):
    (_, header, rows), = md_tables(read_text(rel))
    groups = {}
    for r in rows:
        rec = dict(zip(header, r))
        key = tuple(rec[h] for h in header if h != "Speed (T/s)")
        groups.setdefault(key, []).append(float(rec["Speed (T/s)"]))
    dims = [h for h in header if h != "Speed (T/s)"]
    out = []
    for key, speeds in groups.items():
        d = dict(zip(dims, key))
        out.append({"name": " ".join(key), "dimensions": {k: d[k] for k in ("Model", "Type", "Quant")},
                    "parameters": {"size_billion_params": d["Size (B)"], "spec_dec_size_billion_params": d["Spec Dec (B)"],
                                   "spec_quant": d["Spec Quant"]},
                    "n": len(speeds), "samples": {"generation_tok_s": stats(speeds)}})
    return {"format": "hand-made Markdown table", "units": {"rate": "tok/s"}, "n_rows": len(rows), "groups": out,
            "parameters_not_metrics": ["Size (B) = model size in billions of parameters (NOT bytes; '30 - A3' is text)",
                                       "Spec Dec (B) = draft model size in billions", "Quant / Spec Quant (bits or GGUF type)"],
            "dimensions": {"hardware": "Apple M4 Max 48GB 16 Core (line under the heading)", "app": "LM Studio"},
            "notes": "rows identical in every column but speed are repeated runs of one configuration"}


def chinmay_results(rel):
    tables = md_table_file(rel, {"first_col": "Concurrency"})
    for t in tables:
        for r in t["rows"]:
            for k in list(r):
                if k.endswith("TTFT avg [ms]"):
                    r[k.replace(" [ms]", "_ms")] = r.pop(k)
    model = re.search(r"\*\*Model:\*\*\s*([^|\n]+?)\s*\|", read_text(rel)).group(1)
    return {"format": "hand-written Markdown with several concurrency-sweep tables", "units": {"throughput": "tok/s",
                                                                                              "latency": "ms"},
            "dimensions": {"model": model, "gpu": "RTX 5090 (32 GB)"},
            "tables": tables,
            "parameters_not_metrics": ["Concurrency (sweep parameter, 1..5,000)", "Errors (count)",
                                       "'50 req each' / '100 req each' in headings (requests per level)"],
            "notes": "cells '1,474' (thousands separator), '**2,917**' (bold), '25 ms' (unit in cell); the "
                     "Quality/Summary/Installation tables are not performance sweeps ('~5,650 TPS', 'c=64' cells)"}


def azir_json(rel):
    d = read_json(rel)
    groups = [{"name": "%s c=%d" % (d["tag"], r["concurrency"]), "dimensions": {"tag": d["tag"], "model": d["model"]},
               "parameters": {"concurrency": r["concurrency"], "n_req": r["n_req"]}, "n": r["n_req"],
               "stated": {"request_throughput_req_s": r["qps"], "output_throughput_tok_s": r["out_tok_s"],
                          **{k: v for k, v in r.items() if k.endswith("_ms")}}} for r in d["rows"]]
    return {"format": "own sweep script JSON (rows per concurrency)", "units": {"latency": "ms",
                                                                             "throughput": "tok/s, req/s"},
            "dimensions": {"model": d["model"], "tag": d["tag"]},
            "parameters": {"osl": d["osl"], "rounds": d["rounds"]}, "groups": groups,
            "parameters_not_metrics": ["osl (output sequence length)", "rounds", "concurrency", "n_req"],
            "notes": "qps is achieved request throughput (req/s), not a parameter"}


def azir_csv(rel):
    rows = list(csv.DictReader(io.StringIO(read_text(rel))))
    groups = []
    for tag in dict.fromkeys(r["tag"] for r in rows):
        rs = [r for r in rows if r["tag"] == tag]
        groups.append({"name": tag, "dimensions": {"tag": tag}, "n_rows": len(rs),
                       "rows": [{"concurrency": int(r["concurrency"]), "request_throughput_req_s": float(r["qps"]),
                                 "output_throughput_tok_s": float(r["out_tok_s"]),
                                 "ttft_p50_ms": float(r["ttft_p50_ms"]), "tpot_mean_ms": float(r["tpot_mean_ms"]),
                                 "itl_p95_ms": float(r["itl_p95_ms"])} for r in rs]})
    return {"format": "own script CSV (concurrency sweep per tag)", "units": {"latency": "ms",
                                                                           "throughput": "tok/s, req/s"},
            "n_rows": len(rows), "groups": groups, "parameters_not_metrics": ["concurrency"]}


def samit_csv(rel):
    rows = list(csv.DictReader(io.StringIO(read_text(rel))))
    groups = []
    for r in rows:
        def f(k):
            return float(r[k]) if r[k] != "" else None
        groups.append({"name": r["Platform"] + "/" + r["Mode"], "dimensions": {"platform": r["Platform"], "mode": r["Mode"]},
                       "n": int(r["Successful Requests"]),
                       "stated": {"request_count": int(r["Total Requests"]), "success_rate_pct": f("Success Rate (%)"),
                                  "tok_s_mean_per_request": f("Avg TPS"), "tok_s_p95_per_request": f("P95 TPS"),
                                  "aggregate_tok_s": f("Aggregate TPS"), "latency_mean_ms": f("Avg Latency (ms)"),
                                  "latency_p95_ms": f("P95 Latency (ms)"), "ttft_mean_ms": f("Avg TTFT (ms)"),
                                  "ttft_p95_ms": f("P95 TTFT (ms)"), "requests_per_sec_req_s": f("Requests/sec"),
                                  "total_duration_ms": f("Total Duration (sec)") * 1000,
                                  "total_tokens": int(r["Total Tokens"])}})
    return {"format": "own script CSV summary", "units": {"latency": "ms", "throughput": "tok/s, req/s"},
            "groups": groups,
            "parameters_not_metrics": ["Total Duration (sec) is the ~300 s test length (a time limit), not a latency"],
            "notes": "empty TTFT cells for non-streaming rows are missing values, not zeros"}


def samit_json(rel):
    d = read_json(rel)
    stated = {"success_rate_pct": d["success_rate"], "tok_s_mean_per_request": d["avg_tokens_per_second"],
              "tok_s_p95_per_request": d["p95_tokens_per_second"], "aggregate_tok_s": d["aggregate_tokens_per_second"],
              "latency_mean_ms": d["avg_total_time_ms"], "latency_p95_ms": d["p95_total_time_ms"],
              "requests_per_sec_req_s": d["requests_per_second"], "total_duration_ms": d["total_duration_sec"] * 1000,
              "total_tokens_generated": d["total_tokens_generated"]}
    if "avg_ttft_ms" in d:
        stated["ttft_mean_ms"] = d["avg_ttft_ms"]
        stated["ttft_p95_ms"] = d["p95_ttft_ms"]
    return {"format": "own script JSON summary", "units": {"latency": "ms", "throughput": "tok/s, req/s"},
            "dimensions": {"mode": d["mode"]},
            "groups": [{"name": d["mode"], "n": d["successful_requests"], "stated": stated}],
            "parameters_not_metrics": ["total_duration_sec (the test length)", "total_requests"]}


def samit_md(rel):
    tables = md_table_file(rel, {"dims": ["Platform", "Mode"], "convert": {}})
    return {"format": "own script Markdown report", "units": {"latency": "ms", "throughput": "tok/s"},
            "tables": tables,
            "notes": "'100.0%' cells are percentages; '-' is missing; '(ms)'/'(min)' in headers give the unit of "
                     "the column: those columns are converted to ms and renamed '<name> [ms]'"}


def coco_observations(rel):
    text = read_text(rel)
    groups = []
    for sec in re.split(r"^## ", text, flags=re.M)[1:]:
        title = sec.split("\n", 1)[0].strip()
        model = re.search(r"Model = (.+)", sec).group(1).strip()
        n_stated = int(re.search(r"n = (\d+)", sec).group(1))
        runs = re.split(r"^\*\*\d+\*\*\s*$", sec, flags=re.M)[1:]
        vals = {}
        for r in runs:
            for k, v in re.findall(r"^(Prompt tokens per second|Completion tokens per second):\s*([\d.]+)", r, re.M):
                vals.setdefault(("prompt" if k.startswith("Prompt") else "generation") + "_tok_s", []).append(float(v))
            for k, v in re.findall(r"^(Load duration|Total duration):\s*([\d.]+) seconds", r, re.M):
                vals.setdefault(k.lower().replace(" ", "_") + "_ms", []).append(float(v) * 1000)
            for k, tok, v in re.findall(r"^(Prompt|Generation): (\d+) tokens, ([\d.]+) tokens-per-sec", r, re.M):
                vals.setdefault(k.lower() + "_tok_s", []).append(float(v))
                vals.setdefault(k.lower() + "_tokens", []).append(int(tok))
            for v in re.findall(r"^Peak memory: ([\d.]+) GB", r, re.M):
                vals.setdefault("peak_memory_gb", []).append(float(v))
        groups.append({"name": title, "dimensions": {"tool": title, "model": model}, "n": len(runs),
                       "stated": {"n": n_stated}, "samples": {k: stats(v) for k, v in vals.items()}})
    return {"format": "hand-written Markdown, per-run key: value blocks", "units": {"duration": "ms", "rate": "tok/s",
                                                                                  "memory": "GB (as printed)"},
            "groups": groups,
            "parameters_not_metrics": ["n = 5 (number of runs)", "Prompt/Generation token counts"]}


def llm_rs2_readme(rel):
    (heading, header, rows), = [t for t in md_tables(read_text(rel)) if t[1][0] == "Date"]
    recs = []
    for r in rows:
        rec = dict(zip(header, r))
        recs.append({"model": rec["Model"], "backend": rec["Backend"], "input": rec["Input"],
                     "tokens": int(rec["Tokens"]), "fg_app": rec["FG App"],
                     "ttft_ms": cell_number(rec["TTFT (ms)"])[0], "tbt_ms": cell_number(rec["TBT (ms)"])[0],
                     "tok_s": cell_number(rec["T/s"])[0], "mem_mb": cell_number(rec["Mem (MB)"])[0]})
    groups = {}
    for r in recs:
        key = (r["model"], r["backend"], r["input"], r["tokens"], r["fg_app"])
        groups.setdefault(key, []).append(r)
    out = [{"name": "/".join(str(x) for x in k),
            "dimensions": {"model": k[0], "backend": k[1], "input": k[2], "fg_app": k[4]},
            "parameters": {"tokens": k[3]}, "n": len(v),
            "samples": {"ttft_ms": stats([x["ttft_ms"] for x in v]), "tbt_ms": stats([x["tbt_ms"] for x in v]),
                        "generation_tok_s": stats([x["tok_s"] for x in v])}} for k, v in groups.items()]
    return {"format": "own benchmark log Markdown table (one row per run)", "units": {"latency": "ms", "rate": "tok/s"},
            "n_rows": len(recs), "n_rows_with_na_metrics": sum(1 for x in recs if x["ttft_ms"] is None), "stated": {"total_benchmarks": int(re.search(r"Total Benchmarks\*\*: (\d+)",
                                                                              read_text(rel)).group(1))},
            "overall": {"ttft_ms": stats([x["ttft_ms"] for x in recs]), "tbt_ms": stats([x["tbt_ms"] for x in recs]),
                        "generation_tok_s": stats([x["tok_s"] for x in recs])},
            "groups": out,
            "parameters_not_metrics": ["Tokens (generation length 32..512)", "Input (short_len...)",
                                       "Temp (°C) cells like '37.8 -> 38.2 (Max 38.2)' are not single numbers",
                                       "Date"]}


def ptu_jsonl(rel):
    recs = [json.loads(l) for l in read_text(rel).split("\n") if l.strip()]
    groups = {}
    for r in recs:
        groups.setdefault((r["model"], r["other"]["parallel"], r["num_requests"]), []).append(r)
    out = []
    for (model, par, nreq), rs in groups.items():
        out.append({"name": "%s parallel=%d requests=%d" % (model, par, nreq), "dimensions": {"model": model},
                    "parameters": {"parallel": par, "num_requests": nreq}, "n": len(rs),
                    "samples": {"requests_per_second_req_s": stats([r["requests_per_second"] for r in rs]),
                                "wall_time_ms": stats([r["latency"] * 1000 for r in rs]),
                                "wall_time_per_request_ms": stats([r["avg_latency_per_request"] * 1000 for r in rs]),
                                "avg_tokens_per_request": stats([r["avg_tokens_per_request"] for r in rs])}})
    return {"format": "own script JSON Lines (one record per run)", "units": {"duration": "ms", "throughput": "req/s"},
            "n_records": len(recs), "groups": out,
            "parameters_not_metrics": ["other.parallel (threads = concurrency)", "num_requests"],
            "notes": "'latency' is the wall time of the whole run in SECONDS (no unit in the name; the script "
                     "writes time.perf_counter() differences); 'avg_latency_per_request' is latency/num_requests, "
                     "not a per-request latency; records with the same parallel and num_requests are repeated runs"}


def ptu_text(rel):
    text = read_text(rel)
    head = text.split("--- Request 1 ---")[0]
    kv = dict(re.findall(r"^([A-Za-z ]+):\s*(.+?)\s*$", head, re.M))
    toks = [int(x) for x in re.findall(r"^Tokens: (\d+)\s*$", text, re.M)]
    return {"format": "own script text report with per-request blocks", "units": {"duration": "ms", "throughput": "req/s"},
            "dimensions": {"model": kv["Model"]},
            "parameters": {"parallel_threads": int(kv["Parallel Threads"]), "total_requests": int(kv["Total Requests"])},
            "groups": [{"name": kv["Model"], "n": len(toks),
                        "stated": {"total_wall_time_ms": go_duration_ms(kv["Total Latency"]),
                                   "wall_time_per_request_ms": go_duration_ms(kv["Average Latency per Request"]),
                                   "requests_per_second_req_s": float(kv["Requests per Second"]),
                                   "successful_requests": int(kv["Successful Requests"]),
                                   "total_tokens": int(kv["Total Tokens"])},
                        "samples": {"tokens_per_request": stats(toks)}}],
            "parameters_not_metrics": ["Parallel Threads", "Total Requests"],
            "notes": "the 1000 '--- Request N ---' blocks carry only a token count each (no per-request time); "
                     "'Average Latency per Request' is total/requests"}


# ----------------------------------------------------------------------------
# second holdout batch (holdout/<tool-or-class>/): files no rule was written from
# ----------------------------------------------------------------------------
def md_headings(text):
    """Markdown headings outside code fences: [(line_index, level, title)]."""
    out = []
    fenced = False
    for i, line in enumerate(text.split("\n")):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        m = re.match(r"^(#{1,6})\s+(.*?)\s*$", line)
        if m and not fenced:
            out.append((i, len(m.group(1)), m.group(2)))
    return out


def heading_at(headings, index, level=None):
    """The nearest heading above line `index` (of `level` when given)."""
    best = None
    for i, lvl, title in headings:
        if i < index and (level is None or lvl == level):
            best = title
    return best


CRIT_UNIT_NS = {"ps": 1e-3, "ns": 1.0, "us": 1e3, "µs": 1e3, "μs": 1e3, "ms": 1e6, "s": 1e9}
CRIT_TRIPLE = r"\[\s*([\d.]+)\s*(ps|ns|us|µs|μs|ms|s)\s+([\d.]+)\s*(ps|ns|us|µs|μs|ms|s)\s+([\d.]+)\s*(ps|ns|us|µs|μs|ms|s)\s*\]"
CRIT_PAIR = r"\[\s*([\d.]+)\s*(ps|ns|us|µs|μs|ms|s)\s+([\d.]+)\s*(ps|ns|us|µs|μs|ms|s)\s*\]"
# thrpt: bytes (binary prefixes, or decimal with BytesDecimal) and elements (decimal prefixes) per second.
CRIT_RATE = {"B/s": ("B/s", 1.0), "KiB/s": ("B/s", 1024.0), "MiB/s": ("B/s", 1024.0 ** 2),
             "GiB/s": ("B/s", 1024.0 ** 3), "TiB/s": ("B/s", 1024.0 ** 4), "KB/s": ("B/s", 1e3),
             "MB/s": ("B/s", 1e6), "GB/s": ("B/s", 1e9), "TB/s": ("B/s", 1e12), "elem/s": ("elem/s", 1.0),
             "Kelem/s": ("elem/s", 1e3), "Melem/s": ("elem/s", 1e6), "Gelem/s": ("elem/s", 1e9)}
CRIT_RATE_TRIPLE = r"\[\s*([\d.]+)\s*(\S+)\s+([\d.]+)\s*(\S+)\s+([\d.]+)\s*(\S+)\s*\]"


def criterion_console(rel):
    text = read_text(rel)
    lines = text.split("\n")
    heads = md_headings(text)
    groups = []
    prev = ""
    for i, line in enumerate(lines):
        m = re.match(r"^(.*?)\s*time:\s+" + CRIT_TRIPLE, line)
        if m:
            name = m.group(1).strip() or prev.strip()
            lo, est, hi = (float(m.group(k)) * CRIT_UNIT_NS[m.group(k + 1)] for k in (2, 4, 6))
            g = {"name": name, "section": heading_at(heads, i, 2),
                 "stated": {"time_lower_ns": lo, "time_estimate_ns": est, "time_upper_ns": hi},
                 "n": None}
            groups.append(g)
        elif groups and line.strip():
            g = groups[-1]
            mo = re.match(r"^Found \d+ outliers among (\d+) measurements", line)
            if mo and g["n"] is None:
                g["n"] = int(mo.group(1))
            for key in ("mean", "median", "slope"):
                mm = re.match(r"^" + key + r"\s+" + CRIT_PAIR, line)
                if mm:
                    g["stated"][key + "_ci_lower_ns"] = float(mm.group(1)) * CRIT_UNIT_NS[mm.group(2)]
                    g["stated"][key + "_ci_upper_ns"] = float(mm.group(3)) * CRIT_UNIT_NS[mm.group(4)]
            mt = re.match(r"^\s*thrpt:\s+" + CRIT_RATE_TRIPLE, line)
            if mt and all(mt.group(k) in CRIT_RATE for k in (2, 4, 6)):
                unit = CRIT_RATE[mt.group(2)][0]
                lo, est, hi = (float(mt.group(k)) * CRIT_RATE[mt.group(k + 1)][1] for k in (1, 3, 5))
                g["stated"]["thrpt_unit"] = unit
                g["stated"].update({"thrpt_lower": lo, "thrpt_estimate": est, "thrpt_upper": hi})
            ms = re.search(r"std\. dev\.\s+" + CRIT_PAIR, line)
            if ms:
                g["stated"]["std_dev_ci_lower_ns"] = float(ms.group(1)) * CRIT_UNIT_NS[ms.group(2)]
                g["stated"]["std_dev_ci_upper_ns"] = float(ms.group(3)) * CRIT_UNIT_NS[ms.group(4)]
        if line.strip():
            prev = line
    for g in groups:
        g["headline"] = {"time_per_iteration_ns": g["stated"]["time_estimate_ns"]}
    return {"format": "criterion.rs console output", "units": {"time_per_iteration": "ns"},
            "n_benchmarks": len(groups), "groups": groups,
            "parameters_not_metrics": ["the numeric last part of a benchmark id (input size: .../4096)",
                                       "'change: [...]' percentages compare with a previous run",
                                       "'Found N outliers among M measurements': M is the sample count"],
            "notes": "time: [lower estimate upper] is the tool's confidence interval and point estimate per "
                     "benchmark (reported values, not samples); a name too long for its column is printed "
                     "alone on the line above 'time:'; n is stated only when an outlier line gives M"}


def serving_blocks(rel):
    """Repeated '==== Serving Benchmark Result ====' blocks (vLLM / SGLang bench_serving), each under a heading."""
    text = read_text(rel)
    heads = md_headings(text)
    lines = text.split("\n")
    groups = []
    cur = None
    for i, line in enumerate(lines):
        if "Serving Benchmark Result" in line:
            cur = {"heading": heading_at(heads, i), "kv": {}}
            groups.append(cur)
            continue
        if cur is None:
            continue
        if line.startswith("=" * 10):
            cur = None
            continue
        m = re.match(r"^([^:]+):\s+(\S+)\s*$", line)
        if m:
            cur["kv"][m.group(1).strip()] = m.group(2)
    out = []
    for g in groups:
        kv = g["kv"]
        num = {k: float(v) for k, v in kv.items() if re.fullmatch(r"-?[\d.]+", v)}
        stated = {}
        for k, v in num.items():
            m = re.match(r"^(Mean|Median|P\d+) (.+?) \(ms\)$", k)
            if m:
                stat = {"Mean": "mean", "Median": "median"}.get(m.group(1), m.group(1).lower())
                stated[m.group(2).lower().replace(" ", "_") + "_" + stat + "_ms"] = v
        stated["request_throughput_req_s"] = num["Request throughput (req/s)"]
        stated["input_token_throughput_tok_s"] = num["Input token throughput (tok/s)"]
        stated["output_token_throughput_tok_s"] = num["Output token throughput (tok/s)"]
        stated["total_token_throughput_tok_s"] = num["Total throughput (tok/s)"]
        stated["benchmark_duration_ms"] = num["Benchmark duration (s)"] * 1000.0
        out.append({"name": g["heading"], "dimensions": {"backend": kv.get("Backend")},
                    "parameters": {"request_rate": num["Traffic request rate"]},
                    "n": int(num["Successful requests"]), "stated": stated,
                    "counts": {"total_input_tokens": int(num["Total input tokens"]),
                               "total_generated_tokens": int(num["Total generated tokens"])}})
    return {"format": "SGLang bench_serving result blocks, one per request rate", "units": {"latency": "ms",
                                                                                             "throughput": "tok/s, req/s"},
            "n_blocks": len(out), "groups": out,
            "parameters_not_metrics": ["Traffic request rate (the swept parameter, also in the heading)",
                                       "Total input tokens", "Total generated tokens"],
            "notes": "each block is one run at one request rate: reported statistics (mean/median/p99) over its "
                     "n successful requests, not samples; 'Median TPOT (ms): -0.00' is a real (negative zero) cell"}


def llm_learning_tables(rel):
    text = read_text(rel)
    lines = text.split("\n")
    heads = md_headings(text)
    model = None
    out = []
    fenced = False
    i = 0
    table_no = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if not fenced and line.startswith("| request-rate") or (not fenced and line.startswith("| 框架") and "request-rate" in line):
            header = [c.strip() for c in line.strip().strip("|").split("|")]
            j = i + 2
            table_no += 1
            while j < len(lines) and lines[j].startswith("|"):
                rec = dict(zip(header, [c.strip() for c in lines[j].strip().strip("|").split("|")]))
                framework = rec.get("框架") or heading_at(heads, i, 3)
                stated = {"duration_ms": float(rec["duration (s)"]) * 1000.0,
                          "request_throughput_req_s": float(rec["Request throughput (req/s)"]),
                          "input_token_throughput_tok_s": float(rec["Input token throughput (tok/s)"]),
                          "output_token_throughput_tok_s": float(rec["Output token throughput (tok/s)"])}
                for q in ("TTFT", "TPOT"):
                    for p in ("P50", "P90", "P99"):
                        stated[q.lower() + "_" + p.lower() + "_ms"] = float(rec["%s %s (ms)" % (p, q)])
                out.append({"table": table_no, "framework": framework,
                            "parameters": {"request_rate": int(rec["request-rate"]),
                                           "num_prompts": int(rec["num-prompts"])},
                            "counts": {"total_input_tokens": int(rec["Total input tokens"]),
                                       "total_generated_tokens": int(rec["Total generated tokens"])},
                            "stated": stated})
                j += 1
            i = j
            continue
        if not fenced and line.startswith("| Meta-"):
            model = line.strip().strip("|").strip()
        i += 1
    return {"format": "Markdown tables of vLLM benchmark_serving results under framework headings",
            "units": {"latency": "ms", "throughput": "tok/s, req/s"},
            "dimensions": {"model": model}, "n_tables": table_no, "n_rows": len(out), "rows": out,
            "parameters_not_metrics": ["request-rate", "num-prompts", "Total input tokens", "Total generated tokens"],
            "notes": "one row per benchmark run (configuration = framework, request-rate); the framework is the "
                     "nearest ### heading (or the 框架 column of the comparison table, whose rows repeat runs of the "
                     "earlier tables); lines starting with '#' inside code fences are shell prompts, not headings; "
                     "the model is named in the 模型 table (Meta-Llama-3-8B-Instruct)"}


def hf_script_json(rel):
    d = read_json(rel)
    recs = d["results"]
    return {"format": "own transformers script JSON (model in the file, one record per prompt)",
            "units": {"duration": "ms", "throughput": "tok/s", "memory": "MB (as in the key names)"},
            "dimensions": {"model": d["model"], "dtype": d["dtype"]},
            "stated": {"model_memory_mb": d["model_memory_mb"]},
            "groups": [{"name": d["model"], "n": len(recs),
                        "samples": {"generation_tok_s": stats([r["tokens_per_sec"] for r in recs]),
                                    "total_time_ms": stats([r["total_time_s"] * 1000.0 for r in recs]),
                                    "peak_memory_mb": stats([r["peak_memory_mb"] for r in recs]),
                                    "generated_tokens": stats([r["generated_tokens"] for r in recs])}}],
            "parameters_not_metrics": ["prompt (text)", "output_preview (text)"],
            "notes": "results[] holds one record per prompt: samples of one variant; total_time_s is seconds, "
                     "peak_memory_mb megabytes (the unit is in the key)"}


def hf_script_sweep(rel):
    d = read_json(rel)
    groups = []
    for quant, by_len in d["results"].items():
        for length, r in by_len.items():
            groups.append({"name": "%s/%s" % (quant, length), "dimensions": {"quantization": quant},
                           "parameters": {"max_new_tokens": int(length)}, "n": 1,
                           "samples": {"generation_tok_s": stats([r["tokens_per_sec"]]),
                                       "total_time_ms": stats([r["total_time_s"] * 1000.0]),
                                       "peak_memory_mb": stats([r["peak_memory_mb"]])},
                           "generated_tokens": r["generated_tokens"]})
    per_quant = {}
    for g in groups:
        per_quant.setdefault(g["dimensions"]["quantization"], []).append(g["samples"]["generation_tok_s"]["mean"])
    return {"format": "own transformers script JSON sweep (quantization -> generation length -> record)",
            "units": {"duration": "ms", "throughput": "tok/s", "memory": "MB"},
            "groups": groups,
            "generation_tok_s_mean_per_quantization": {q: statistics.fmean(v) for q, v in per_quant.items()},
            "parameters_not_metrics": ["the generation-length object keys (256..2048: a swept parameter)"],
            "notes": "no model name in this file; each (quantization, length) cell is one run"}


def trtllm_qwen_csv(rel):
    rows = list(csv.DictReader(io.StringIO(read_text(rel))))
    groups = []
    for r in rows:
        groups.append({"name": "concurrency=%s" % r["concurrency"],
                       "dimensions": {"framework": r["framework"], "model": r["model"],
                                      "quantization": r["quantization"], "gpu_type": r["gpu_type"]},
                       "parameters": {k: int(r[k]) for k in ("num_gpus", "context_len", "concurrency",
                                                             "max_new_tokens", "num_requests")},
                       "n": int(r["successful_requests"]),
                       "stated": {"ttft_mean_ms": float(r["ttft_mean_ms"]), "ttft_p50_ms": float(r["ttft_p50_ms"]),
                                  "ttft_p99_ms": float(r["ttft_p99_ms"]),
                                  "tps_mean_tok_s": float(r["tps_mean"]), "tps_p50_tok_s": float(r["tps_p50"]),
                                  "tps_p99_tok_s": float(r["tps_p99"]),
                                  "total_time_ms": float(r["total_time_s"]) * 1000.0,
                                  "total_output_tokens": int(r["total_output_tokens"]),
                                  "failed_requests": int(r["failed_requests"])}})
    return {"format": "own TensorRT-LLM script CSV (one row per concurrency level)",
            "units": {"latency": "ms", "throughput": "tok/s (per request decode rate)"},
            "groups": groups,
            "parameters_not_metrics": ["num_gpus", "context_len", "concurrency", "max_new_tokens", "num_requests"],
            "notes": "each row states mean/p50/p99 over its successful requests (reported values); the model is "
                     "the 'model' column; concurrency is the swept parameter"}


def optimum_stage(stage):
    out = {}
    lat = stage.get("latency")
    if lat:
        scale = {"s": 1000.0, "ms": 1.0}[lat["unit"]]
        out["latency_samples_ms"] = stats([v * scale for v in lat["values"]])
        out["latency_stated_ms"] = {k: lat[k] * scale for k in ("mean", "p50", "p90", "p95", "p99", "stdev")}
        out["latency_stated_ms"]["count"] = lat["count"]
    thr = stage.get("throughput")
    if thr:
        out["throughput"] = {"value": thr["value"], "unit": thr["unit"]}
    mem = stage.get("memory")
    if mem:
        out["memory_mb"] = {k: v for k, v in mem.items() if k != "unit"}
    return out


def optimum_json(rel):
    d = read_json(rel)
    cfg = d["config"]
    sc = cfg["scenario"]
    return {"format": "optimum-benchmark benchmark.json (config + report)",
            "units": {"latency": "ms (the file stores seconds)", "memory": "MB", "throughput": "as stated per stage"},
            "dimensions": {"model": cfg["backend"]["model"], "backend": cfg["backend"]["name"],
                           "torch_dtype": cfg["backend"]["torch_dtype"]},
            "parameters": {"batch_size": sc["input_shapes"]["batch_size"],
                           "sequence_length": sc["input_shapes"]["sequence_length"],
                           "max_new_tokens": sc["generate_kwargs"]["max_new_tokens"],
                           "iterations": sc["iterations"], "warmup_runs": sc["warmup_runs"]},
            "stages": {name: optimum_stage(stage) for name, stage in d["report"].items()},
            "measurement_window": {"warmup_runs_excluded_from_values": sc["warmup_runs"]},
            "parameters_not_metrics": ["scenario.iterations", "scenario.warmup_runs", "input_shapes.*",
                                       "generate_kwargs.*", "backend.seed"],
            "notes": "latency.values are the measured iterations only (the warm-up runs are not in them); "
                     "the model is config.backend.model"}


def optimum_md(rel):
    text = read_text(rel)
    stages = {}
    stage = section = None
    for line in text.split("\n"):
        m = re.match(r"^# (\w+):\s*$", line)
        if m:
            stage = m.group(1)
            stages[stage] = {}
            continue
        m = re.match(r"^## (\w+):\s*$", line)
        if m:
            section = m.group(1)
            stages[stage][section] = {}
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and line.startswith("|") and not set(cells[0]) <= set(":- ") and cells[0] != "metric":
            v = float(cells[1])
            unit = cells[2]
            stages[stage][section][cells[0]] = (v, unit)
    out = {}
    for name, secs in stages.items():
        o = {}
        lat = secs.get("latency")
        if lat:
            o["latency_stated_ms"] = {k: v * {"s": 1000.0, "ms": 1.0}[u] for k, (v, u) in lat.items()
                                      if k in ("total", "mean", "p50", "p90", "p95", "p99", "stdev")}
            o["latency_stated_ms"]["count"] = int(lat["count"][0])
            o["latency_stdev_percent"] = lat["stdev_"][0]
        if "throughput" in secs:
            (v, u), = secs["throughput"].values()
            o["throughput"] = {"value": v, "unit": u}
        if "memory" in secs:
            o["memory_mb"] = {k: v for k, (v, u) in secs["memory"].items()}
        out[name] = o
    return {"format": "optimum-benchmark benchmark_report.md (metric | value | unit tables per stage)",
            "units": {"latency": "ms (the file states s)", "memory": "MB"},
            "stages": out,
            "parameters_not_metrics": ["count (the number of measured iterations, n)"],
            "notes": "reported statistics only (no per-iteration values in the Markdown report); the unit is "
                     "the third column; the model is not in this file (its folder name says llama70b)"}


def wrk_sweep(rel):
    text = read_text(rel)
    heads = md_headings(text)
    runs = wrk_runs(text)
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if re.match(r"^\s*Running \S+ test @", line)]
    groups = {}
    for r, i in zip(runs, starts):
        url = re.match(r"^\s*Running \S+ test @ (\S+)", lines[i]).group(1)
        key = (heading_at(heads, i, 2), r["threads"], r["connections"], url)
        groups.setdefault(key, []).append(r)
    out = [{"name": "%s t=%d c=%d" % k[:3], "section": k[0], "dimensions": {"url": k[3]},
            "parameters": {"threads": k[1], "connections": k[2]}, "n": len(v),
            "samples": {"requests_per_sec_req_s": stats([x["requests_per_sec_req_s"] for x in v]),
                        "latency_mean_ms": stats([x["latency_mean_ms"] for x in v])},
            "stated_per_run": v} for k, v in groups.items()]
    return {"format": "wrk console (threads x connections sweep, two sections)",
            "units": {"latency": "ms", "throughput": "req/s"},
            "n_runs": len(runs), "groups": out,
            "overall": {"requests_per_sec_req_s": stats([x["requests_per_sec_req_s"] for x in runs])},
            "parameters_not_metrics": ["threads", "connections", "duration=60s"],
            "notes": "each 'Running ... test' block is one run; 'Benchmarking: threads=T, connections=C' lines "
                     "restate the parameters; no --latency, so no percentiles; sections are the ## headings and "
                     "each section tests another URL (http://localhost:88 vs /postgres): 40 configurations, n=1 each"}


HOLDOUT = {
    "holdout/go-bench/surl_BENCHMARK.md": go_bench,
    "holdout/jmh/spring-jmh_jmh-result.json": jmh_json,
    "holdout/k6/k6-benchmarking_bench-ramping-vus.sh.md": k6_console,
    "holdout/benchmarkdotnet/linq2db_SelectBenchmark-report-github.md": bdn_md,
    "holdout/benchmarkdotnet/linq2db_InsertSetBenchmark-report-github.md": bdn_md,
    "holdout/criterion/object-pool_BENCHMARK.md": criterion_console,
    "holdout/criterion/adventofcode2018_README.md": criterion_console,
    "holdout/wrk/spring-benchmark_spring-rs_README.md": wrk_sweep,
    "holdout/llm-text/sglang-dlora_dlora_results.md": serving_blocks,
    "holdout/llm-tables/llm-learning_inference_benchmark_README.md": llm_learning_tables,
    "holdout/llm-json/llm-inference-optimizer_awq.json": hf_script_json,
    "holdout/llm-json/llm-inference-optimizer_gptq.json": hf_script_json,
    "holdout/llm-json/llm-inference-optimizer_benchmarks.json": hf_script_sweep,
    "holdout/llm-csv/trtllm-qwen-benchmark_smoke_results.csv": trtllm_qwen_csv,
    "holdout/llm-json/hf-quant-bench_cuda_pytorch_llama_benchmark.json": optimum_json,
    "holdout/llm-tables/hf-quant-bench_llama70b_compile_benchmark_report.md": optimum_md,
}


# ----------------------------------------------------------------------------
# dispatch
# ----------------------------------------------------------------------------
def handler(rel):
    if rel in HOLDOUT:
        return HOLDOUT[rel]
    base = os.path.basename(rel)
    if rel.startswith("criterion/") and base.endswith(".md"):
        return criterion_console
    if rel.startswith("criterion/"):
        return {"benchmark.json": criterion_benchmark, "estimates.json": criterion_estimates,
                "sample.json": criterion_sample}[base]
    if rel.startswith("benchmarkdotnet/"):
        return bdn_json if base.endswith(".json") else bdn_csv if base.endswith(".csv") else bdn_md
    if rel.startswith("jmh/"):
        return jmh_json if base.endswith(".json") else jmh_text
    if rel.startswith("k6/"):
        return k6_json if base.endswith(".json") else k6_console
    if rel.startswith("go-bench/"):
        return go_bench
    if rel.startswith("oha/"):
        return oha_json if base.endswith(".json") else oha_text
    if rel.startswith("wrk/"):
        return wrk_file
    if rel.startswith("trtllm-bench/"):
        return trtllm_json if base.endswith(".json") else trtllm_console
    if rel.startswith("guidellm/"):
        return guidellm_json if base.endswith(".json") else guidellm_yaml if base.endswith(".yaml") else guidellm_console
    if rel.startswith("ollama-verbose/"):
        return ollama_verbose_log if base.endswith(".log") else ollama_llm_benchmark_md
    special = {
        "llm-tables/llm-benchmark_macmini_averages.md": nelstevens_averages,
        "llm-tables/llm-inference-benchmarks_README.md": nexveridian_readme,
        "llm-tables/vllm-sglang-trtllm_RESULTS.md": chinmay_results,
        "llm-tables/llm_rs2_benchmarks_README.md": llm_rs2_readme,
        "llm-tables/llm-inference-optimization_comprehensive_report.md": samit_md,
        "llm-json/trtllm-vs-vllm_results_trtllm_fp8_v2.json": azir_json,
        "llm-json/trtllm-vs-vllm_results_vllm_nvfp4_v2.json": azir_json,
        "llm-csv/trtllm-vs-vllm_summary.csv": azir_csv,
        "llm-csv/llm-inference-optimization_comprehensive_report.csv": samit_csv,
        "llm-json/llm-inference-optimization_aws_llm_metrics_streaming.json": samit_json,
        "llm-json/llm-inference-optimization_gcp_llm_metrics_non_streaming.json": samit_json,
        "llm-text/coco_observations.md": coco_observations,
        "llm-jsonl/deepseek-ptu-perf-test_benchmark_results.jsonl": ptu_jsonl,
        "llm-text/deepseek-ptu-perf-test_benchmark_output_20250528_165633.txt": ptu_text,
    }
    return special[rel]


def manifest():
    out = []
    with open(os.path.join(HERE, "manifest.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            path, repo, src, commit, role, desc = line.rstrip("\n").split("\t")
            out.append({"path": path, "repository": repo, "source_path": src, "commit": commit,
                        "role": role, "what": desc})
    return out


def build():
    result = {"about": __doc__.strip().split("\n\n")[0], "files": {}}
    for m in manifest():
        entry = handler(m["path"])(m["path"])
        entry = dict({"role": m["role"], "repository": m["repository"]}, **entry)
        result["files"][m["path"]] = rnd(entry)
    return result


def main():
    data = build()
    text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n"
    target = os.path.join(HERE, "expected.json")
    if "--check" in sys.argv:
        with open(target, encoding="utf-8") as f:
            if f.read() != text:
                print("expected.json is out of date", file=sys.stderr)
                return 1
        print("expected.json reproduced (%d files)" % len(data["files"]))
        return 0
    with open(target, "w", encoding="utf-8") as f:
        f.write(text)
    print("wrote %s (%d files)" % (target, len(data["files"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())

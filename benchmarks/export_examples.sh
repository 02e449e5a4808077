#!/usr/bin/env bash
# Runs the README's export examples end to end: `benchlens export` of a folder to CSV and SQLite, then the DuckDB
# query on the CSV (DuckDB through the npm package @duckdb/node-api, installed into a scratch folder as in
# ../shared/bench/), the pandas one on the SQLite database (Debian python3-pandas, /usr/bin/python3) and the
# sqlite3 one; and checks that the three agree with each other and with BenchLens' own statistics table.
#   benchmarks/export_examples.sh [FOLDER] [SCRATCH]
#     FOLDER   default ../shared/corpus/chimeraforge
#     SCRATCH  where @duckdb/node-api is installed (npm install, once); default /tmp/benchlens-duckdb
set -euo pipefail
cd "$(dirname "$0")/.."
folder=${1:-../shared/corpus/chimeraforge}
scratch=${2:-/tmp/benchlens-duckdb}
benchlens=${BENCHLENS:-build/release/app/benchlens}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

"$benchlens" export "$folder" -o "$out/obs.csv" --quiet
"$benchlens" export "$folder" -o "$out/obs.sqlite" --quiet

if [ ! -d "$scratch/node_modules/@duckdb/node-api" ]; then
    mkdir -p "$scratch"
    (cd "$scratch" && npm install --silent @duckdb/node-api)
fi

echo "== DuckDB: SELECT model, avg(value) FROM 'obs.csv' WHERE metric='throughput_tok_s' GROUP BY 1"
(cd "$out" && NODE_PATH="$scratch/node_modules" node -e '
const { DuckDBInstance } = require("@duckdb/node-api");
(async () => {
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  const reader = await con.runAndReadAll(
    "SELECT model, avg(value) FROM '"'"'obs.csv'"'"' WHERE metric='"'"'throughput_tok_s'"'"' GROUP BY 1 ORDER BY 1");
  for (const row of reader.getRows()) console.log(`${row[0] ?? "(none)"}\t${Number(row[1]).toFixed(6)}`);
})();') | LC_ALL=C sort | tee "$out/duckdb.tsv"

echo "== pandas: pd.read_sql on obs.sqlite"
/usr/bin/python3 - "$out/obs.sqlite" <<'PY' | LC_ALL=C sort | tee "$out/pandas.tsv"
import sqlite3, sys
import pandas as pd
con = sqlite3.connect(sys.argv[1])
df = pd.read_sql("SELECT model, value FROM observations WHERE metric = 'throughput_tok_s'", con)
for model, mean in df.groupby("model", dropna=False)["value"].mean().items():
    print(f"{'(none)' if pd.isna(model) else model}\t{mean:.6f}")
PY

echo "== sqlite3: the metric_throughput_tok_s view"
/usr/bin/python3 - "$out/obs.sqlite" <<'PY' | LC_ALL=C sort | tee "$out/sqlite3.tsv"
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
for model, mean in con.execute("SELECT model, avg(value) FROM metric_throughput_tok_s GROUP BY 1 ORDER BY 1"):
    print(f"{'(none)' if model is None else model}\t{mean:.6f}")
PY

diff -u "$out/duckdb.tsv" "$out/pandas.tsv"
diff -u "$out/duckdb.tsv" "$out/sqlite3.tsv"
[ -s "$out/duckdb.tsv" ] || { echo "export_examples: no throughput_tok_s observations" >&2; exit 1; }
echo "export_examples: DuckDB, pandas and sqlite3 agree on $(wc -l <"$out/duckdb.tsv") models"

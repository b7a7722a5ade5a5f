#!/usr/bin/env bash
# Builds cronc_bench_zoned in Release (build-bench/), runs it with 5 repetitions and prints, per expression, the
# median ns of UTC next() and of next() in Europe/Berlin, and their ratio (measured in the same run).
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${CRONC_BENCH_BUILD_DIR:-$source_dir/build-bench}
json=$build_dir/zoned_schedule_bench.json

cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCRONC_BUILD_BENCH=ON \
  -DCRONC_BUILD_ANALYZER=OFF -DCRONC_BUILD_TESTS=OFF >/dev/null
cmake --build "$build_dir" --target cronc_bench_zoned

"$build_dir/bench/cronc_bench_zoned" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_out="$json" --benchmark_out_format=json "$@" >/dev/null

/usr/bin/python3 - "$json" <<'PY'
import json
import sys

with open(sys.argv[1]) as f:
    report = json.load(f)
scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
medians = {}
order = []
for run in report["benchmarks"]:
    if run.get("aggregate_name") != "median":
        continue
    kind, expression = run["run_name"].split("/", 1)
    medians[(kind, expression)] = run["real_time"] * scale[run["time_unit"]]
    if expression not in order:
        order.append(expression)
print(f"| expression | UTC next() ns | Europe/Berlin next() ns | zoned / UTC |")
print(f"|---|---:|---:|---:|")
for expression in order:
    utc, zoned = medians[("utc", expression)], medians[("zoned", expression)]
    print(f"| `{expression}` | {utc:.0f} | {zoned:.0f} | {zoned / utc:.2f} |")
PY

#!/usr/bin/env bash
# Builds cronc_bench_schedule in Release (build-bench/), runs it with 5 repetitions and prints the median ns of
# parse_cron, Schedule::cron and next() per expression and how many times faster next() is than the minute-stepping reference.
# Extra arguments go to the benchmark binary (e.g. --benchmark_filter=next).
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${CRONC_BENCH_BUILD_DIR:-$source_dir/build-bench}
json=$build_dir/schedule_bench.json

cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCRONC_BUILD_BENCH=ON \
  -DCRONC_BUILD_ANALYZER=OFF -DCRONC_BUILD_TESTS=OFF >/dev/null
cmake --build "$build_dir" --target cronc_bench_schedule

"$build_dir/bench/cronc_bench_schedule" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_out="$json" --benchmark_out_format=json "$@"

/usr/bin/python3 - "$json" <<'PY'
import json
import sys

with open(sys.argv[1]) as f:
    report = json.load(f)

scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
medians = {}  # (kind, expression) -> ns
order = []
for run in report["benchmarks"]:
    if run.get("aggregate_name") != "median":
        continue
    kind, expression = run["run_name"].split("/", 1)
    medians[(kind, expression)] = run["real_time"] * scale[run["time_unit"]]
    if expression not in order:
        order.append(expression)

def cell(value, fmt):
    return "-" if value is None else fmt.format(value)

print()
print("| expression | parse_cron (ns) | Schedule::cron (ns) | next (ns) | reference (ns) | reference / next |")
print("|---|---:|---:|---:|---:|---:|")
for expression in order:
    fields = medians.get(("parse_cron", expression))
    schedule = medians.get(("schedule_cron", expression))
    nxt = medians.get(("next", expression))
    ref = medians.get(("reference", expression))
    ratio = ref / nxt if ref is not None and nxt else None
    print(f"| `{expression}` | {cell(fields, '{:.0f}')} | {cell(schedule, '{:.0f}')} | {cell(nxt, '{:.1f}')} "
          f"| {cell(ref, '{:,.0f}')} | {cell(ratio, '{:,.0f}x')} |")
ctx = report["context"]
print(f"\n{ctx.get('host_name', '?')}: {ctx.get('num_cpus', '?')} CPUs at {ctx.get('mhz_per_cpu', '?')} MHz, "
      f"load average {ctx.get('load_avg', '?')}; medians of 5 repetitions, chained next() calls from 2024-01-01.")
PY

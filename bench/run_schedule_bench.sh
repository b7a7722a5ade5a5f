#!/usr/bin/env bash
# Builds cronc_bench_schedule in Release (build-bench/), runs it with 5 repetitions and prints the median ns of
# parse_cron, Schedule::cron and next() per expression and how many times faster next() is than the minute-stepping reference.
# With CRONC_CRONCPP_DIR=/path/to/folder/with/croncpp.h (mariusbancila/croncpp's one header, fetched by hand outside
# this repository) it also times croncpp beside cronc on about 40 expressions both read alike, and prints the
# ratios of the medians and 90th percentiles over the expressions, of CPU time, which a busy neighbour disturbs
# less than wall time. Extra arguments go to the benchmark binary (e.g. --benchmark_filter=next).
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${CRONC_BENCH_BUILD_DIR:-$source_dir/build-bench}
json=$build_dir/schedule_bench.json

cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCRONC_BUILD_BENCH=ON \
  -DCRONC_BUILD_ANALYZER=OFF -DCRONC_BUILD_TESTS=OFF -DCRONC_CRONCPP_DIR="${CRONC_CRONCPP_DIR:-}" >/dev/null
cmake --build "$build_dir" --target cronc_bench_schedule

"$build_dir/bench/cronc_bench_schedule" --benchmark_repetitions=5 --benchmark_min_time=0.1 --benchmark_report_aggregates_only=true \
  --benchmark_out="$json" --benchmark_out_format=json "$@"

/usr/bin/python3 - "$json" <<'PY'
import json
import sys

with open(sys.argv[1]) as f:
    report = json.load(f)

scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
medians = {}  # (kind, expression) -> ns
order = []
compared = {}  # vs_cronc_next, vs_croncpp_next, vs_cronc_parse, vs_croncpp_parse -> expression -> ns
for run in report["benchmarks"]:
    if run.get("aggregate_name") != "median":
        continue
    kind, expression = run["run_name"].split("/", 1)
    if kind.startswith("vs_"):
        compared.setdefault(kind, {})[expression] = run["cpu_time"] * scale[run["time_unit"]]
        continue
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
if compared:
    def percentile(values, fraction):
        values = sorted(values)
        return values[min(len(values) - 1, int(fraction * len(values)))]
    print(f"\ncronc against croncpp on {len(compared['vs_cronc_next'])} expressions (CPU time per call, median of 5"
          " repetitions per expression; then the median and 90th percentile over the expressions):\n")
    print("| measure | cronc (ns) | croncpp (ns) | croncpp / cronc | target |")
    print("|---|---:|---:|---:|---|")
    for what, target in (("next", {"median": 100, "p90": 1000}), ("parse", {"median": 10})):
        ours = compared[f"vs_cronc_{what}"].values()
        theirs = compared[f"vs_croncpp_{what}"].values()
        for name, fraction in (("median", 0.5), ("p90", 0.9)):
            a, b = percentile(ours, fraction), percentile(theirs, fraction)
            goal = f">= {target[name]}x" if name in target else ""
            print(f"| {what}() {name} | {a:.1f} | {b:,.0f} | {b / a:,.0f}x | {goal} |")
    print("\n| expression | cronc next | croncpp next | cronc parse | croncpp parse |")
    print("|---|---:|---:|---:|---:|")
    for expression, ns in compared["vs_cronc_next"].items():
        print(f"| `{expression}` | {ns:.1f} | {compared['vs_croncpp_next'][expression]:,.0f} "
              f"| {compared['vs_cronc_parse'][expression]:.0f} | {compared['vs_croncpp_parse'][expression]:,.0f} |")
ctx = report["context"]
print(f"\n{ctx.get('host_name', '?')}: {ctx.get('num_cpus', '?')} CPUs at {ctx.get('mhz_per_cpu', '?')} MHz, "
      f"load average {ctx.get('load_avg', '?')}; medians of 5 repetitions, chained next() calls from 2024-01-01.")
PY

#!/usr/bin/env bash
# Builds cronc_bench_runtime in Release (build-bench/) and measures the runtime at scale: a Runtime built and
# started with 100,000 jobs (time, heap and resident memory per job), 10,000 no-op jobs due at one minute boundary
# on the system clock (lateness p50/p99/max, executions recorded per second with 4 workers), and the timer
# thread's wake-ups and the CPU used while nothing is due. Memory store and SQLite store side by side; prints a
# Markdown table. Takes about a minute. SQLite's files go to build-bench/runtime_bench/.
# Extra arguments go to the binary (--registered N, --burst N, --idle-seconds N).
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${CRONC_BENCH_BUILD_DIR:-$source_dir/build-bench}

cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCRONC_BUILD_BENCH=ON \
  -DCRONC_BUILD_ANALYZER=OFF -DCRONC_BUILD_TESTS=OFF >/dev/null
cmake --build "$build_dir" --target cronc_bench_runtime

mkdir -p "$build_dir/runtime_bench"
"$build_dir/bench/cronc_bench_runtime" --sqlite-dir "$build_dir/runtime_bench" "$@"

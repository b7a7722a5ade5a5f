#!/usr/bin/env bash
# Builds cronc_bench_claim in Release (build-bench/) and measures claims on the PostgreSQL store: ticks claimed per
# second with 3 replicas (3 connections in 3 threads) racing for the same ticks, and the latency of claim() and
# claim() + complete() (p50/p99) for one replica and for 3 racing, each against the SQLite store measured in the
# same run. Prints a Markdown table of medians over the repetitions (default 3).
#
# PostgreSQL: the server in $CRONC_TEST_POSTGRES, or else the throw-away one of scripts/postgres.sh (started here,
# and stopped at the end if this script started it). The benchmark runs in a database of its own,
# cronc_claim_bench, created afresh and dropped at the end. SQLite's file goes to build-bench/claim_bench/.
# Extra arguments go to the binary (--ticks N, --latency-ticks N, --jobs N, --repetitions N).
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${CRONC_BENCH_BUILD_DIR:-$source_dir/build-bench}
database=cronc_claim_bench

cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCRONC_BUILD_BENCH=ON \
  -DCRONC_BUILD_ANALYZER=OFF -DCRONC_BUILD_TESTS=OFF >/dev/null
cmake --build "$build_dir" --target cronc_bench_claim

started_server=false
if [ -z "${CRONC_TEST_POSTGRES:-}" ]; then
  bash "$source_dir/scripts/postgres.sh" status 2>/dev/null || started_server=true
  export "$(bash "$source_dir/scripts/postgres.sh" start)"
fi
admin_uri=$CRONC_TEST_POSTGRES

# The same URI with the benchmark's database in its path (postgresql://user@host:port/DB?params).
base=${admin_uri%%\?*}
query=${admin_uri#"$base"}
authority=${base#*://}
scheme=${base%%://*}
bench_uri="$scheme://${authority%%/*}/$database$query"

cleanup() {
  psql "$admin_uri" -qX -c "DROP DATABASE IF EXISTS $database" >/dev/null 2>&1 || true
  if [ "$started_server" = true ]; then bash "$source_dir/scripts/postgres.sh" stop; fi
}
trap cleanup EXIT

PGOPTIONS="-c client_min_messages=warning" psql "$admin_uri" -qX -v ON_ERROR_STOP=1 \
  -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database" >/dev/null
echo "PostgreSQL $(psql "$bench_uri" -qXAt -c 'SHOW server_version') at ${authority%%/*}, database $database"

mkdir -p "$build_dir/claim_bench"
"$build_dir/bench/cronc_bench_claim" --postgres "$bench_uri" --sqlite-dir "$build_dir/claim_bench" "$@"

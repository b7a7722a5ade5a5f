#!/usr/bin/env bash
# Sets up the machine, builds cronc with its tests, starts a throw-away PostgreSQL on loopback for the
# multi-replica tests, and runs every test through one ctest call.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCRONC_BUILD_TESTS=ON >/dev/null
cmake --build build
# The assignment form makes a failed start stop the script (set -e); `export "$(...)"` alone would not.
postgres="$(bash scripts/postgres.sh start)"
export "${postgres?}"
trap 'bash scripts/postgres.sh stop' EXIT
# --timeout bounds every test without a TIMEOUT of its own, so a hung test fails in minutes instead of holding CI.
ctest --test-dir build --output-on-failure --timeout 300 -j "$(nproc)"

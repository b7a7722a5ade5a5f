#!/usr/bin/env bash
# Sets up the machine, builds cronc and the shop sample (its jobs checked and registered by cronc_generate), and
# runs the shop service with its jobs firing until Ctrl-C. Its executions are kept in build/shop-cron.db.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target shop
cd build
exec ./samples/shop/shop

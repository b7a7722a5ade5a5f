#!/usr/bin/env bash
# Sets up the machine, builds cronc, analyses the shop sample and shows each job's schedule and next fire times.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target cronc
for schedule in "every 2h" "0 4 15 * *"; do
  ./build/tool/cronc explain "$schedule"
done

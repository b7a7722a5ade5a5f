#!/usr/bin/env bash
# Installs every Debian 12 package cronc needs to build, test and run its samples.
# Idempotent: when everything is present it prints nothing and touches nothing.
set -euo pipefail

llvm="${CRONC_LLVM_MAJOR:-19}"
packages=(
  ca-certificates git build-essential cmake ninja-build ccache pkg-config python3 python3-jsonschema
  "clang-${llvm}" "libclang-${llvm}-dev" "llvm-${llvm}-dev" "libclang-cpp${llvm}-dev" "clangd-${llvm}"
  "libclang-rt-${llvm}-dev" "clang-tools-${llvm}"
  libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev
  nlohmann-json3-dev libsqlite3-dev libcpp-httplib-dev libyaml-cpp-dev
  python3-yaml systemd
  libhowardhinnant-date-dev tzdata  # time zones: date/tz.h and its compiled date-tz on the system tz database
  libpq-dev libpqxx-dev postgresql
  prometheus  # promtool: the dashboard tests check /metrics with `promtool check metrics`
  chromium nodejs  # the dashboard's browser test: headless Chromium driven from Node.js over DevTools
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "cronc setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

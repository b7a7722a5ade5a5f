// Zoned next() against UTC next() on the same expressions: a zoned schedule should cost about what a UTC one does
// (one or two UTC lookups per call, no minute stepping). bench/run_zoned_schedule_bench.sh prints the ratios.

#include <cron/tz_database.hpp>
#include <cron/zoned_schedule.hpp>

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

using namespace std::chrono;

/// Everyday expressions, one in a clock change's hour, and the rare ones (Feb 29, Dec 31).
constexpr std::string_view kExpressions[] = {"*/5 * * * *", "30 2 * * *", "30 9 * * 1-5", "0 0 29 2 *", "0 0 31 12 *"};

constexpr sys_seconds kChainStart = sys_days{year{2024} / 1 / 1};
constexpr sys_seconds kChainHorizon = sys_days{year{2100} / 1 / 1};

const std::shared_ptr<const cron::ZoneRules>& berlin() {
  static const auto zone = [] {
    auto rules = cron::tz::load_zone("Europe/Berlin");
    if (rules == nullptr) {
      std::fprintf(stderr, "Europe/Berlin is not in the system's tz database (Debian: tzdata)\n");
      std::abort();
    }
    return rules;
  }();
  return zone;
}

/// Chains next() calls from 2024, restarting at 2100, as the runtime chains ticks.
template <class Schedule>
void chain(benchmark::State& state, const Schedule& schedule) {
  sys_seconds time = kChainStart;
  for (auto _ : state) {
    time = schedule.next(time);
    if (time > kChainHorizon) time = kChainStart;
    benchmark::DoNotOptimize(time);
  }
}

void register_benchmarks() {
  for (std::string_view expression : kExpressions) {
    std::string name(expression);
    benchmark::RegisterBenchmark(("utc/" + name).c_str(), [expression](benchmark::State& state) {
      chain(state, cron::Schedule::cron(expression).value());
    });
    benchmark::RegisterBenchmark(("zoned/" + name).c_str(), [expression](benchmark::State& state) {
      chain(state, cron::ZonedSchedule::cron(expression, berlin()).value());
    });
  }
}

}  // namespace

int main(int argc, char** argv) {
  register_benchmarks();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

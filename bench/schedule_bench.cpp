// Schedule engine benchmarks: parsing, next() and the naive minute-stepping reference on the same expressions.
// Before benchmarking, the binary checks that next() and the reference agree and aborts if they do not, so a
// fast but wrong engine never produces a table.

#include "minute_stepping_reference.hpp"
#ifdef CRONC_HAVE_CRONCPP
#include "croncpp_engine.hpp"
#endif

#include <cron/schedule.hpp>

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace std::chrono;

/// Everyday expressions plus the rare ones (Feb 29, Dec 31) where stepping is slowest.
constexpr std::string_view kExpressions[] = {
    "*/5 * * * *", "0 4 15 * *",        "30 9 * * 1-5",           "0 0 1,15 * 3", "0 0 29 2 *",
    "@daily",      "0 */2 * * mon-fri", "15,45 8-18 * jan-jun *", "0 0 31 12 *",
};

/// Chains of next() calls start here and restart when they pass the horizon, so every chain stays in a
/// realistic range of years (and crosses the 2100 non-leap year in the agreement check).
constexpr sys_seconds kChainStart = sys_days{year{2024} / 1 / 1};
constexpr sys_seconds kChainHorizon = sys_days{year{2100} / 1 / 1};
/// How far the reference looks; the engine's bound for an expression that parses is shorter.
constexpr auto kReferenceReach = years{60};

cron::Schedule schedule_or_abort(std::string_view expression) {
  auto schedule = cron::Schedule::cron(expression);
  if (!schedule) {
    std::fprintf(stderr, "cannot parse '%.*s': %s\n", static_cast<int>(expression.size()), expression.data(),
                 cron::error_message(schedule.error(), expression).c_str());
    std::abort();
  }
  return schedule.value();
}

sys_seconds reference_next(const cron::CronFields& fields, sys_seconds after) {
  return cron::reference::next_by_minute_stepping(fields, after, after + duration_cast<seconds>(kReferenceReach));
}

/// Chains up to `max_calls` next() calls from `start` (stopping after `span` of schedule time, which bounds the
/// reference's cost on rare expressions) and aborts on the first fire time the two evaluators disagree on.
int check_chain(std::string_view expression, sys_seconds start, int max_calls, years span) {
  const cron::Schedule schedule = schedule_or_abort(expression);
  const sys_seconds stop = start + duration_cast<seconds>(span);
  sys_seconds time = start;
  int calls = 0;
  while (calls < max_calls && time < stop) {
    const sys_seconds engine = schedule.next(time);
    const sys_seconds reference = reference_next(schedule.fields(), time);
    ++calls;
    if (engine != reference) {
      std::fprintf(stderr, "'%.*s' after %s: next() gives %s, the minute-stepping reference %s\n",
                   static_cast<int>(expression.size()), expression.data(), cron::format_utc(time).c_str(),
                   cron::format_utc(engine).c_str(), cron::format_utc(reference).c_str());
      std::abort();
    }
    time = engine;
  }
  return calls;
}

void check_engine_against_reference() {
  // A start with seconds (rounds up), one before a leap day, and one that crosses the non-leap year 2100.
  const sys_seconds starts[] = {
      sys_days{year{2024} / 2 / 28} + hours{23} + minutes{59} + seconds{30},
      sys_days{year{2025} / 12 / 31} + hours{12} + minutes{1} + seconds{0},
      sys_days{year{2099} / 6 / 1} + hours{0} + minutes{0} + seconds{1},
  };
  int calls = 0;
  for (std::string_view expression : kExpressions)
    for (sys_seconds start : starts) calls += check_chain(expression, start, 300, years{6});
  std::fprintf(stderr, "next() agrees with the minute-stepping reference on %d chained calls\n", calls);
}

std::string name(std::string_view kind, std::string_view expression) {
  return std::string(kind) + "/" + std::string(expression);
}

void register_benchmarks() {
  // parse_cron alone, then Schedule::cron, which adds the weekday tables next() uses.
  for (std::string_view expression : kExpressions) {
    benchmark::RegisterBenchmark(name("parse_cron", expression).c_str(), [expression](benchmark::State& state) {
      for (auto _ : state) {
        std::string_view text = expression;
        benchmark::DoNotOptimize(text);  // keeps the constexpr parser from folding a known string
        auto fields = cron::parse_cron(text);
        benchmark::DoNotOptimize(fields);
      }
    });
  }
  for (std::string_view expression : kExpressions) {
    benchmark::RegisterBenchmark(name("schedule_cron", expression).c_str(), [expression](benchmark::State& state) {
      for (auto _ : state) {
        std::string_view text = expression;
        benchmark::DoNotOptimize(text);
        auto schedule = cron::Schedule::cron(text);
        benchmark::DoNotOptimize(schedule);
      }
    });
  }
  for (std::string_view expression : kExpressions) {
    benchmark::RegisterBenchmark(name("next", expression).c_str(), [expression](benchmark::State& state) {
      const cron::Schedule schedule = schedule_or_abort(expression);
      sys_seconds time = kChainStart;
      for (auto _ : state) {
        time = schedule.next(time);
        if (time >= kChainHorizon) time = kChainStart;
        benchmark::DoNotOptimize(time);
      }
    });
  }
  for (std::string_view expression : kExpressions) {
    benchmark::RegisterBenchmark(name("reference", expression).c_str(), [expression](benchmark::State& state) {
      const cron::CronFields fields = schedule_or_abort(expression).fields();
      sys_seconds time = kChainStart;
      for (auto _ : state) {
        time = reference_next(fields, time);
        if (time >= kChainHorizon) time = kChainStart;
        benchmark::DoNotOptimize(time);
      }
    });
  }
}

#ifdef CRONC_HAVE_CRONCPP
/// Expressions as cron users write them, for the side-by-side run against croncpp; those croncpp refuses or
/// reads differently are left out (and named), so both engines are timed on the same fire times.
constexpr std::string_view kComparedExpressions[] = {
    "* * * * *",       "*/5 * * * *",     "*/7 * * * *",      "*/15 * * * *",    "10-20 * * * *",
    "0 * * * *",       "0 */5 * * *",     "23 0-20/2 * * *",  "0 0 * * *",       "30 9 * * 1-5",
    "0 9-17 * * 1-5",  "*/10 9-17 * * 1-5", "0 22 * * 1-5",   "0 3 * * 2-4",     "0 6 * * 1",
    "0 12 * * 0",      "0 0 * * 6,0",     "45 23 * * 5",      "0 18 * * 5",      "0 0 */3 * *",
    "20 4 */2 * *",    "0 0 1-7 * *",     "0 4 15 * *",       "0 0 1 * *",       "0 0 30 * *",
    "0 0 31 * *",      "0 0 28-31 * *",   "0 0,12 1 */2 *",   "0 0 1 */3 *",     "0 8 1 1,4,7,10 *",
    "15,45 8-18 * 1-6 *", "30 2 * 2 *",   "0 12 15 6 *",      "7 7 7 7 *",       "1 2 3 4 *",
    "0 0 1 1 *",       "0 0 31 12 *",     "59 23 31 12 *",    "0 0 29 2 *",      "0 0 30 4 *",
};

/// Chains for the comparison stay where croncpp answers: its years end in 2099.
constexpr sys_seconds kComparedHorizon = sys_days{year{2090} / 1 / 1};

std::vector<std::string_view> compared_expressions() {
  std::vector<std::string_view> agreed;
  for (std::string_view expression : kComparedExpressions) {
    const cron::Schedule schedule = schedule_or_abort(expression);
    auto other = croncpp_engine::Expression::parse(expression);
    bool same = other != nullptr;
    sys_seconds time = kChainStart;
    for (int call = 0; same && call < 200 && time < kComparedHorizon; ++call) {
      const sys_seconds mine = schedule.next(time);
      same = other->next(time.time_since_epoch().count()) == mine.time_since_epoch().count();
      time = mine;
    }
    if (same) {
      agreed.push_back(expression);
    } else {
      std::fprintf(stderr, "left out of the comparison, croncpp %s: '%.*s'\n",
                   other == nullptr ? "refuses it" : "disagrees", static_cast<int>(expression.size()),
                   expression.data());
    }
  }
  std::fprintf(stderr, "cronc and croncpp agree on %zu expressions\n", agreed.size());
  return agreed;
}

/// The same chained next() calls and the same parses, cronc's and croncpp's, named `vs_*` for the summary.
void register_comparison() {
  for (std::string_view expression : compared_expressions()) {
    benchmark::RegisterBenchmark(name("vs_cronc_next", expression).c_str(), [expression](benchmark::State& state) {
      const cron::Schedule schedule = schedule_or_abort(expression);
      sys_seconds time = kChainStart;
      for (auto _ : state) {
        time = schedule.next(time);
        if (time >= kComparedHorizon) time = kChainStart;
        benchmark::DoNotOptimize(time);
      }
    });
    benchmark::RegisterBenchmark(name("vs_croncpp_next", expression).c_str(), [expression](benchmark::State& state) {
      auto other = croncpp_engine::Expression::parse(expression);
      std::int64_t time = kChainStart.time_since_epoch().count();
      for (auto _ : state) {
        time = other->next(time);
        if (time >= kComparedHorizon.time_since_epoch().count()) time = kChainStart.time_since_epoch().count();
        benchmark::DoNotOptimize(time);
      }
    });
    benchmark::RegisterBenchmark(name("vs_cronc_parse", expression).c_str(), [expression](benchmark::State& state) {
      for (auto _ : state) {
        std::string_view text = expression;
        benchmark::DoNotOptimize(text);
        auto schedule = cron::Schedule::cron(text);
        benchmark::DoNotOptimize(schedule);
      }
    });
    const std::string six_fields = "0 " + std::string(expression);
    benchmark::RegisterBenchmark(name("vs_croncpp_parse", expression).c_str(), [six_fields](benchmark::State& state) {
      for (auto _ : state) {
        std::string_view text = six_fields;
        benchmark::DoNotOptimize(text);
        bool parsed = croncpp_engine::parse_only(text);
        benchmark::DoNotOptimize(parsed);
      }
    });
  }
}
#endif

}  // namespace

int main(int argc, char** argv) {
  check_engine_against_reference();
  register_benchmarks();
#ifdef CRONC_HAVE_CRONCPP
  croncpp_engine::use_utc();
  register_comparison();
#endif
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

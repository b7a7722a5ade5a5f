// Claims on the PostgreSQL store (issues 8 and 15), with baselines measured in the same run: the SQLite store for a
// lone replica, and the single-row claim loop for the batched race. Run bench/run_claim_bench.sh, which builds
// this in Release and gives it a fresh database.
//
//  - Throughput: 3 stores (3 connections, standing in for 3 replicas) in 3 threads race through the same sequence
//    of ticks; every thread tries to claim every tick and the one that wins completes it at once, as a runtime
//    does for an endpoint that returns immediately. Exactly one claim must win each tick: the binary checks that
//    and exits with status 1 otherwise, so a fast but wrong store never produces a table. Ticks claimed per
//    second = ticks / wall time of the race.
//  - Batched throughput: the same race, with each replica claiming a timer pass at once (claim_all() of `batch`
//    ticks of as many jobs, then write_all() of the completions of those it won), as the runtime does; the
//    single-row race above is its baseline.
//  - Latency a claim adds to a tick: the time of claim() and of claim() + complete(), per tick, for one replica
//    alone, and for 3 replicas in lockstep: all three start to claim each tick together, as when it comes due,
//    and the next tick starts once the winner has completed this one (every claim() call, lost or won, and the
//    winner's claim() + complete()). Exactly one must win here too. PostgreSQL only: a SQLite file serves one
//    process, so it has no replicas to race.
//
// Each figure is the median over the repetitions (each repetition runs every measure, so background load hits
// them alike). The tables compare them as ratios, without thresholds.

#include <cron/execution.hpp>
#include <cron/store.hpp>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <latch>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <unistd.h>

namespace {

using namespace std::chrono;
using Steady = steady_clock;

constexpr int kReplicas = 3;
constexpr std::size_t kWarmupTicks = 200;

struct Options {
  std::string postgres;
  std::filesystem::path sqlite_dir;
  std::size_t ticks = 20000;          ///< per race of the 3 replicas
  std::size_t latency_ticks = 5000;   ///< per lone replica, and per lockstep run of the 3
  std::size_t jobs = 10;              ///< ticks are spread over this many jobs, a tick of each per minute
  std::size_t batch = 100;            ///< ticks per claim_all() in the batched race (that many jobs, one minute)
  int repetitions = 3;
};

[[noreturn]] void usage(const char* message) {
  std::fprintf(stderr,
               "claim_bench: %s\n"
               "usage: cronc_bench_claim --postgres URI [--sqlite-dir DIR] [--ticks N] [--latency-ticks N] "
               "[--jobs N] [--batch N] [--repetitions N]\n"
               "(URI defaults to $CRONC_TEST_POSTGRES; its database should be empty or hold only cronc's schema)\n",
               message);
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options options;
  if (const char* uri = std::getenv("CRONC_TEST_POSTGRES")) options.postgres = uri;
  options.sqlite_dir = std::filesystem::temp_directory_path();
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (i + 1 >= argc) usage("missing value");
    std::string value = argv[++i];
    auto number = [&]() -> std::size_t {
      std::size_t n = std::strtoull(value.c_str(), nullptr, 10);
      if (n == 0) usage("expected a positive number");
      return n;
    };
    if (arg == "--postgres") options.postgres = value;
    else if (arg == "--sqlite-dir") options.sqlite_dir = value;
    else if (arg == "--ticks") options.ticks = number();
    else if (arg == "--latency-ticks") options.latency_ticks = number();
    else if (arg == "--jobs") options.jobs = number();
    else if (arg == "--batch") options.batch = number();
    else if (arg == "--repetitions") options.repetitions = static_cast<int>(number());
    else usage("unknown option");
  }
  if (options.postgres.empty()) usage("no PostgreSQL URI (--postgres or CRONC_TEST_POSTGRES)");
  return options;
}

/// `count` ticks of `jobs` jobs named after `prefix`: job 0..jobs-1 at one minute, then the next minute.
std::vector<cron::Claim> make_ticks(const std::string& prefix, std::size_t count, std::size_t jobs) {
  constexpr sys_seconds kStart = sys_days{year{2030} / 1 / 1};
  std::vector<cron::Claim> ticks;
  ticks.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    cron::Claim tick;
    tick.job_id = prefix + "-job" + std::to_string(i % jobs);
    tick.scheduled = kStart + minutes(i / jobs);
    tick.key = cron::idempotency_key(tick.job_id, tick.scheduled);
    tick.trigger = cron::Trigger::scheduled;
    ticks.push_back(std::move(tick));
  }
  return ticks;
}

double micros(Steady::duration d) { return duration<double, std::micro>(d).count(); }

/// Nearest-rank percentile of `samples` (sorted in place).
double percentile(std::vector<double>& samples, double p) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(samples.size())));
  return samples[std::clamp<std::size_t>(rank, 1, samples.size()) - 1];
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/// One run's figures: throughput and p50/p99 of claim() and claim() + complete(), in µs.
struct Figures {
  double ticks_per_second = 0;
  double claim_p50 = 0, claim_p99 = 0;
  double claim_complete_p50 = 0, claim_complete_p99 = 0;
};

std::string duration_text(double us) {
  char text[32];
  if (us >= 1000) std::snprintf(text, sizeof text, "%.2f ms", us / 1000);
  else std::snprintf(text, sizeof text, "%.0f µs", us);
  return text;
}

using StoreFactory = std::function<std::unique_ptr<cron::Store>()>;

cron::Lease lease_for(int replica) { return cron::Lease{"bench-replica-" + std::to_string(replica), seconds(30)}; }

/// One replica claims and completes every tick in turn; each must be won.
Figures single(const StoreFactory& open, const std::string& prefix, const Options& options) {
  std::unique_ptr<cron::Store> store = open();
  cron::Lease lease = lease_for(0);
  auto run = [&](const std::vector<cron::Claim>& ticks, std::vector<double>* claim_us, std::vector<double>* both_us) {
    for (const cron::Claim& tick : ticks) {
      auto t0 = Steady::now();
      auto claim = store->claim(tick, cron::ClaimPurpose::run, lease);
      auto t1 = Steady::now();
      if (!claim || claim->busy) {
        std::fprintf(stderr, "claim_bench: a lone replica failed to claim %s\n", tick.key.c_str());
        std::exit(1);
      }
      store->complete(tick.key, lease);
      auto t2 = Steady::now();
      if (claim_us != nullptr) {
        claim_us->push_back(micros(t1 - t0));
        both_us->push_back(micros(t2 - t0));
      }
    }
  };
  run(make_ticks(prefix + "-warmup", kWarmupTicks, options.jobs), nullptr, nullptr);

  std::vector<cron::Claim> ticks = make_ticks(prefix, options.latency_ticks, options.jobs);
  std::vector<double> claim_us, both_us;
  claim_us.reserve(ticks.size());
  both_us.reserve(ticks.size());
  auto start = Steady::now();
  run(ticks, &claim_us, &both_us);
  double seconds = duration<double>(Steady::now() - start).count();
  return {static_cast<double>(ticks.size()) / seconds, percentile(claim_us, 0.50), percentile(claim_us, 0.99),
          percentile(both_us, 0.50), percentile(both_us, 0.99)};
}

/// How the three replicas meet the ticks.
enum class Pace {
  free,      ///< each goes through the ticks as fast as it can: the throughput
  lockstep,  ///< all three start each tick together, as when it comes due: the latency under contention
};

/// Three replicas, each with its own store, go through the same ticks, `batch` at a time (1: claim() and
/// complete() per tick; more: claim_all() and one write_all() of the completions, and every tick is of a job of
/// its own, as when that many jobs come due at once, so no tick is busy behind one another replica holds);
/// exactly one must win each.
Figures race(const StoreFactory& open, const std::string& prefix, std::size_t count, const Options& options,
             Pace pace, const char* name, std::size_t batch = 1) {
  std::vector<std::unique_ptr<cron::Store>> stores;
  for (int r = 0; r < kReplicas; ++r) stores.push_back(open());
  // Warm each connection up alone: the race should not measure connection set-up.
  for (int r = 0; r < kReplicas; ++r) {
    for (const cron::Claim& tick : make_ticks(prefix + "-warmup" + std::to_string(r), kWarmupTicks / 4, options.jobs)) {
      if (stores[r]->claim(tick, cron::ClaimPurpose::run, lease_for(r))) stores[r]->complete(tick.key, lease_for(r));
    }
  }

  std::vector<cron::Claim> ticks = make_ticks(prefix, count, batch == 1 ? options.jobs : count);
  std::vector<std::atomic<int>> wins(ticks.size());
  std::atomic<std::size_t> busy{0};
  struct PerReplica {
    std::vector<double> claim_us, both_us;
    std::vector<Steady::time_point> attempted;  ///< when it started to claim each tick
    Steady::time_point start, end;
    std::size_t won = 0;
    std::exception_ptr error;
  };
  std::vector<PerReplica> replicas(kReplicas);
  std::latch ready(kReplicas + 1);
  std::barrier tick_due(kReplicas);
  std::atomic<bool> failed{false};
  std::vector<std::thread> threads;
  for (int r = 0; r < kReplicas; ++r) {
    threads.emplace_back([&, r] {
      PerReplica& me = replicas[r];
      cron::Store& store = *stores[r];
      cron::Lease lease = lease_for(r);
      me.claim_us.reserve(ticks.size());
      me.both_us.reserve(ticks.size());
      me.attempted.reserve(ticks.size());
      ready.arrive_and_wait();
      me.start = Steady::now();
      for (std::size_t first = 0; first < ticks.size(); first += batch) {
        if (pace == Pace::lockstep) tick_due.arrive_and_wait();
        if (failed.load(std::memory_order_relaxed)) continue;  // keep arriving, so the others are not stranded
        std::size_t end = std::min(ticks.size(), first + batch);
        try {
          auto t0 = Steady::now();
          std::vector<std::optional<cron::Claim>> claims;
          if (batch == 1) {
            claims.push_back(store.claim(ticks[first], cron::ClaimPurpose::run, lease));
          } else {
            std::vector<cron::ClaimAsk> asks;
            for (std::size_t i = first; i < end; ++i) asks.push_back({ticks[i], cron::ClaimPurpose::run});
            claims = store.claim_all(asks, lease);
          }
          auto t1 = Steady::now();
          me.claim_us.push_back(micros(t1 - t0));
          std::vector<cron::Write> completions;
          for (std::size_t i = first; i < end; ++i) {
            me.attempted.push_back(t0);
            const std::optional<cron::Claim>& claim = claims[i - first];
            if (!claim) continue;
            wins[i].fetch_add(1, std::memory_order_relaxed);
            ++me.won;
            if (claim->busy) busy.fetch_add(1, std::memory_order_relaxed);
            cron::Write& completion = completions.emplace_back();
            completion.kind = cron::Write::Kind::complete;
            completion.key = ticks[i].key;
          }
          if (completions.empty()) continue;
          if (batch == 1) store.complete(completions[0].key, lease);
          else store.write_all(completions, lease);
          me.both_us.push_back(micros(Steady::now() - t0));
        } catch (...) {
          me.error = std::current_exception();
          failed = true;
        }
      }
      me.end = Steady::now();
    });
  }
  ready.arrive_and_wait();
  for (std::thread& thread : threads) thread.join();

  for (PerReplica& replica : replicas) {
    if (!replica.error) continue;
    try {
      std::rethrow_exception(replica.error);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "claim_bench: %s: a replica failed: %s\n", name, e.what());
    }
    std::exit(1);
  }
  std::size_t unclaimed = 0, doubled = 0;
  for (const std::atomic<int>& count : wins) {
    if (count.load() == 0) ++unclaimed;
    if (count.load() > 1) ++doubled;
  }
  if (unclaimed != 0 || doubled != 0) {
    std::fprintf(stderr, "claim_bench: %s: %zu of %zu ticks claimed by no replica and %zu by more than one\n", name,
                 unclaimed, ticks.size(), doubled);
    std::exit(1);
  }

  auto start = std::min_element(replicas.begin(), replicas.end(), [](auto& a, auto& b) { return a.start < b.start; });
  auto end = std::max_element(replicas.begin(), replicas.end(), [](auto& a, auto& b) { return a.end < b.end; });
  double seconds = duration<double>(end->end - start->start).count();
  std::vector<double> claim_us, both_us, spread_us;
  for (PerReplica& replica : replicas) {
    claim_us.insert(claim_us.end(), replica.claim_us.begin(), replica.claim_us.end());
    both_us.insert(both_us.end(), replica.both_us.begin(), replica.both_us.end());
  }
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    auto [first, last] = std::minmax({replicas[0].attempted[i], replicas[1].attempted[i], replicas[2].attempted[i]});
    spread_us.push_back(micros(last - first));
  }
  Figures figures{static_cast<double>(ticks.size()) / seconds, percentile(claim_us, 0.50), percentile(claim_us, 0.99),
                  percentile(both_us, 0.50), percentile(both_us, 0.99)};
  std::printf("    %-10s %-8s %zu ticks %s, each claimed once (wins per replica %zu / %zu / %zu, %zu busy) in %.2f s; "
              "first to last attempt at a tick: median %s; claim() p50 %s, p99 %s\n",
              name, pace == Pace::free ? "race:" : "lockstep:", ticks.size(),
              batch == 1 ? "one at a time" : ("in batches of " + std::to_string(batch)).c_str(), replicas[0].won, replicas[1].won,
              replicas[2].won, busy.load(), seconds, duration_text(percentile(spread_us, 0.5)).c_str(),
              duration_text(figures.claim_p50).c_str(), duration_text(figures.claim_p99).c_str());
  std::fflush(stdout);
  return figures;
}

/// The figures of several repetitions, each the median over them.
Figures medians(const std::vector<Figures>& runs) {
  auto of = [&](double Figures::*field) {
    std::vector<double> values;
    for (const Figures& run : runs) values.push_back(run.*field);
    return median(values);
  };
  return {of(&Figures::ticks_per_second), of(&Figures::claim_p50), of(&Figures::claim_p99),
          of(&Figures::claim_complete_p50), of(&Figures::claim_complete_p99)};
}

std::string thousands(double value) {
  std::string digits = std::to_string(std::llround(value)), text;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) text += ',';
    text += digits[i];
  }
  return text;
}

std::string ratio(double a, double b) {
  char text[32];
  double r = a / b;
  std::snprintf(text, sizeof text, r >= 10 ? "%.0fx" : r >= 1 ? "%.1fx" : "%.2fx", r);
  return text;
}

std::string load_average() {
  std::ifstream file("/proc/loadavg");
  std::string one, five;
  file >> one >> five;
  return one + " " + five;
}

}  // namespace

int main(int argc, char** argv) {
  Options options = parse(argc, argv);
  std::filesystem::create_directories(options.sqlite_dir);
  std::string run_id = "claimbench" + std::to_string(::getpid()) + "t" +
                       std::to_string(duration_cast<seconds>(system_clock::now().time_since_epoch()).count());
  std::string load_before = load_average();

  std::vector<Figures> pg_single, pg_race, pg_batched, pg_lockstep, lite_single;
  for (int rep = 0; rep < options.repetitions; ++rep) {
    std::printf("repetition %d of %d\n", rep + 1, options.repetitions);
    std::fflush(stdout);
    std::string prefix = run_id + "r" + std::to_string(rep);
    std::filesystem::path file = options.sqlite_dir / (run_id + "-" + std::to_string(rep) + ".db");
    StoreFactory postgres = [&] { return cron::make_postgres_store(options.postgres); };
    StoreFactory sqlite = [&] { return cron::make_sqlite_store(file.string()); };
    try {
      pg_single.push_back(single(postgres, prefix + "-single", options));
      lite_single.push_back(single(sqlite, prefix + "-single", options));
      pg_race.push_back(race(postgres, prefix + "-race", options.ticks, options, Pace::free, "PostgreSQL"));
      pg_batched.push_back(
          race(postgres, prefix + "-batched", options.ticks, options, Pace::free, "PostgreSQL", options.batch));
      pg_lockstep.push_back(
          race(postgres, prefix + "-lockstep", options.latency_ticks, options, Pace::lockstep, "PostgreSQL"));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "claim_bench: %s\n", e.what());
      return 1;
    }
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
  }

  Figures ps = medians(pg_single), pr = medians(pg_race), pb = medians(pg_batched), pl = medians(pg_lockstep);
  Figures ls = medians(lite_single);
  auto row = [](const char* measure, const std::string& pg, const std::string& lite, const std::string& r) {
    std::printf("| %s | %s | %s | %s |\n", measure, pg.c_str(), lite.c_str(), r.c_str());
  };
  auto rate_row = [&](const char* measure, const Figures& pg, const Figures& lite) {
    row(measure, thousands(pg.ticks_per_second), thousands(lite.ticks_per_second),
        ratio(pg.ticks_per_second, lite.ticks_per_second));
  };
  auto latency_row = [&](const char* measure, double Figures::*p50, double Figures::*p99, const Figures& pg,
                         const Figures& lite) {
    row(measure, duration_text(pg.*p50) + " / " + duration_text(pg.*p99),
        duration_text(lite.*p50) + " / " + duration_text(lite.*p99),
        ratio(pg.*p50, lite.*p50) + " / " + ratio(pg.*p99, lite.*p99));
  };
  std::printf("\n| measure | PostgreSQL | SQLite | PostgreSQL / SQLite |\n|---|---:|---:|---:|\n");
  rate_row("ticks claimed per second, 1 replica", ps, ls);
  latency_row("`claim()`, 1 replica, p50 / p99", &Figures::claim_p50, &Figures::claim_p99, ps, ls);
  latency_row("`claim()` + `complete()`, 1 replica, p50 / p99", &Figures::claim_complete_p50,
              &Figures::claim_complete_p99, ps, ls);
  std::printf("\n| 3 replicas on PostgreSQL | figure | against the single-row race |\n|---|---:|---:|\n");
  std::printf("| ticks claimed per second, single-row `claim()` + `complete()` | %s | 1x |\n",
              thousands(pr.ticks_per_second).c_str());
  std::printf("| ticks claimed per second, %zu ticks per `claim_all()` + `write_all()` | %s | %s |\n", options.batch,
              thousands(pb.ticks_per_second).c_str(), ratio(pb.ticks_per_second, pr.ticks_per_second).c_str());
  std::printf("| `claim()`, 3 at each tick (won or lost), p50 / p99 | %s / %s | |\n", duration_text(pl.claim_p50).c_str(),
              duration_text(pl.claim_p99).c_str());
  std::printf("| `claim()` + `complete()` of the winner, 3 at each tick, p50 / p99 | %s / %s | |\n",
              duration_text(pl.claim_complete_p50).c_str(), duration_text(pl.claim_complete_p99).c_str());
  std::printf("\n%u CPUs, load average %s at the start and %s at the end; medians of %d repetition(s); %zu ticks "
              "per race, %zu per lone replica and per lockstep run, over %zu jobs. SQLite's complete() does nothing "
              "(one process per file).\n",
              std::thread::hardware_concurrency(), load_before.c_str(), load_average().c_str(), options.repetitions,
              options.ticks, options.latency_ticks, options.jobs);
  return 0;
}

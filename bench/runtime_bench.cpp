// The runtime at scale (issue 6's benchmark). Run bench/run_runtime_bench.sh, which builds this in Release.
//
//  - Registration: a Runtime built and started with 100,000 jobs (a mix of `every` intervals and daily and monthly
//    cron expressions, as the generated table holds them: parsed at compile time). Wall time of the constructor
//    and start(), and heap bytes (glibc's mallinfo2) and resident memory added per job. The job table itself is
//    the program's and is reported apart. Once on the memory store and once on a fresh SQLite file, where start()
//    asks the store for each job's last tick.
//  - A burst: 10,000 no-op `every:1` jobs all due at one minute boundary, on the system clock. To start 1.5 s
//    before a boundary instead of waiting up to a minute for one, the clock is the system clock shifted by a
//    fixed offset: it runs, sleeps and wakes exactly as SystemClock does. Lateness = when the endpoint was entered
//    minus the due time (p50, p99, max); executions recorded per second = the burst's size over the time from the
//    due time to when the store holds every final outcome (4 workers; the 5 ms polling for
//    the last outcome logged counts against it). Once on the memory store and once on SQLite.
//  - The bare-SQLite baseline: what the SQLite store writes for each execution of the burst (a claim row, a
//    running row, its outcome), written by hand on a fresh file in transactions of 500 executions (WAL,
//    synchronous=NORMAL, prepared statements), as executions per second. The SQLite store's rate is reported as a
//    fraction of it: the cost of the runtime's work beyond the database's own batched write rate.
//  - Idle: after the burst, while nothing is due for the rest of the minute, how often the timer thread woke (the
//    clock counts its wait_until() calls, one per pass of the timer loop) and the CPU time the process used.

#include <cron/runtime.hpp>

#include <malloc.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using namespace std::chrono;
using Steady = steady_clock;

/// The system clock shifted by a fixed offset; counts the waits of the threads that sleep on it (the timer's, the
/// pruner's), so their wake-ups: each thread's first wait is going to sleep, every later one follows a wake-up.
class ShiftedSystemClock final : public cron::Clock {
 public:
  explicit ShiftedSystemClock(nanoseconds offset) : offset_(offset) {}

  cron::TimePoint now() const override { return system_.now() + offset_; }
  void wait_until(std::condition_variable& wake, std::unique_lock<std::mutex>& lock,
                  cron::TimePoint deadline) override {
    {
      std::lock_guard counting(mutex_);
      ++waits_[&wake];
    }
    system_.wait_until(wake, lock, deadline - offset_);
  }
  int on_change(std::function<void()>) override { return 0; }
  void remove_listener(int) override {}

  /// Wake-ups so far: every wait but each sleeper's first.
  int wakeups() const {
    std::lock_guard counting(mutex_);
    int total = 0;
    for (const auto& [sleeper, waits] : waits_) total += waits - 1;
    return total;
  }

 private:
  cron::SystemClock system_;
  nanoseconds offset_;
  mutable std::mutex mutex_;
  std::map<const std::condition_variable*, int> waits_;  ///< by the condition variable each sleeper waits on
};

/// A clock that reads `lead` before a minute boundary now (negative: after it), and that boundary.
std::pair<std::shared_ptr<ShiftedSystemClock>, cron::TimePoint> clock_before_boundary(nanoseconds lead) {
  auto now = system_clock::now();
  cron::TimePoint boundary = floor<minutes>(now) + minutes(10);
  return {std::make_shared<ShiftedSystemClock>(boundary - lead - now), boundary};
}

/// The jobs a generated stub would register, with IDs that live as long as the table.
struct JobTable {
  std::vector<std::string> ids;
  std::vector<cron::JobDefinition> jobs;
};

JobTable make_table(std::size_t count, cron::Status (*run)(), bool every_minute) {
  static constexpr int kIntervals[] = {5, 10, 15, 30, 60, 120, 240, 1440};
  JobTable table;
  table.ids.reserve(count);
  table.jobs.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "job-%06zu", i);
    table.ids.emplace_back(id);
    cron::Schedule schedule;
    if (every_minute) {
      schedule = cron::Schedule::every_minutes(1).value();
    } else if (i % 3 == 0) {
      schedule = cron::Schedule::every_minutes(kIntervals[i / 3 % std::size(kIntervals)]).value();
    } else {
      char expression[32];  // daily, or monthly on a day of month
      if (i % 3 == 1) std::snprintf(expression, sizeof expression, "%zu %zu * * *", i % 60, i / 60 % 24);
      else std::snprintf(expression, sizeof expression, "%zu %zu %zu * *", i % 60, i / 60 % 24, i % 28 + 1);
      schedule = cron::Schedule::cron(expression).value();
    }
    table.jobs.push_back({table.ids.back(), "A benchmark job", "every:1", schedule, run, "bench::run"});
  }
  return table;
}

cron::Status do_nothing() { return cron::Status::success(); }

/// Bytes malloc has handed out: small blocks from the arenas plus the large ones it maps on their own.
std::size_t heap_in_use() {
  struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;
}

std::size_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

double process_cpu_ms() {
  timespec time{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time);
  return time.tv_sec * 1e3 + time.tv_nsec / 1e6;
}

std::filesystem::path fresh_sqlite_file(const std::filesystem::path& dir, std::string_view name) {
  std::filesystem::path path = dir / name;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  return path;
}

struct Registration {
  double seconds;
  double heap_per_job;
  double resident_per_job;
};

Registration register_jobs(const JobTable& table, std::unique_ptr<cron::Store> store) {
  cron::Options options;
  options.clock = clock_before_boundary(-1s).first;  // a second after a boundary: nothing due for 59 s
  options.store_instance = std::move(store);
  options.log = nullptr;
  options.replica = "bench";
  std::size_t heap = heap_in_use();
  std::size_t resident = resident_bytes();
  auto began = Steady::now();
  auto runtime = std::make_unique<cron::Runtime>(std::move(options), table.jobs);
  runtime->start();
  double seconds = duration<double>(Steady::now() - began).count();
  auto jobs = static_cast<double>(table.jobs.size());
  Registration result{seconds, (static_cast<double>(heap_in_use()) - static_cast<double>(heap)) / jobs,
                      (static_cast<double>(resident_bytes()) - static_cast<double>(resident)) / jobs};
  runtime->stop(1s);
  return result;
}

/// What the burst's endpoints and log sink saw.
struct BurstProbe {
  std::shared_ptr<ShiftedSystemClock> clock;
  cron::TimePoint due;
  std::vector<nanoseconds> lateness;
  std::atomic<std::size_t> entered{0};
  std::atomic<std::size_t> recorded{0};
  std::int64_t stored_ns = 0;  ///< since `due`, when the store held every final outcome
};
BurstProbe* probe = nullptr;

cron::Status note_start() {
  std::size_t slot = probe->entered++;
  if (slot < probe->lateness.size()) probe->lateness[slot] = probe->clock->now() - probe->due;
  return cron::Status::success();
}

struct Burst {
  double p50_ms, p99_ms, max_ms;
  std::size_t started, within_1s;
  double recorded_per_second;
  int burst_wakeups;  ///< from start() to the end of the burst
  int idle_wakeups;
  double idle_seconds;
  double idle_cpu_ms;
};

Burst run_burst(std::size_t count, std::unique_ptr<cron::Store> store, seconds idle) {
  JobTable table = make_table(count, &note_start, true);
  BurstProbe state;
  auto [clock, due] = clock_before_boundary(1500ms);
  state.clock = clock;
  state.due = due;
  state.lateness.assign(count, nanoseconds::max());
  probe = &state;

  cron::Options options;
  options.clock = clock;
  options.store_instance = std::move(store);
  options.workers = 4;
  options.replica = "bench";
  options.log = [&state](const cron::LogEvent& event) {
    if (event.kind != cron::LogEvent::Kind::finished) return;
    ++state.recorded;
  };
  cron::Runtime runtime(std::move(options), table.jobs);
  runtime.start();

  auto give_up = Steady::now() + 120s;
  while (state.recorded < count && Steady::now() < give_up) std::this_thread::sleep_for(5ms);
  runtime.wait_until_recorded();
  state.stored_ns = (clock->now() - state.due).count();
  int burst_wakeups = clock->wakeups();

  // Idle until shortly before the next boundary at most.
  auto until_next = duration_cast<milliseconds>(due + minutes(1) - clock->now()) - 2s;
  auto window = std::min<milliseconds>(idle, until_next);
  double cpu = process_cpu_ms();
  std::this_thread::sleep_for(window);
  Burst result{};
  result.idle_cpu_ms = process_cpu_ms() - cpu;
  result.idle_wakeups = clock->wakeups() - burst_wakeups;
  result.idle_seconds = duration<double>(window).count();
  result.burst_wakeups = burst_wakeups;
  runtime.stop(5s);

  std::vector<nanoseconds> lateness = state.lateness;
  std::sort(lateness.begin(), lateness.end());
  auto at = [&](double quantile) {
    auto index = static_cast<std::size_t>(quantile * static_cast<double>(lateness.size() - 1));
    return duration<double, std::milli>(lateness[index]).count();
  };
  result.started = std::min(state.entered.load(), count);
  result.within_1s = static_cast<std::size_t>(
      std::count_if(lateness.begin(), lateness.end(), [](nanoseconds late) { return late <= 1s; }));
  result.p50_ms = at(0.50);
  result.p99_ms = at(0.99);
  result.max_ms = at(1.0);
  result.recorded_per_second =
      static_cast<double>(state.recorded) / (static_cast<double>(state.stored_ns) / 1e9);
  probe = nullptr;
  return result;
}

/// Executions per second written straight to SQLite: the rows the SQLite store writes per execution, 500
/// executions per transaction.
double bare_sqlite_rate(const std::filesystem::path& path, std::size_t count) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    std::fprintf(stderr, "runtime_bench: cannot open %s\n", path.c_str());
    std::exit(1);
  }
  auto exec = [db](const char* sql) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
      std::fprintf(stderr, "runtime_bench: %s\n", sqlite3_errmsg(db));
      std::exit(1);
    }
  };
  exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
       "CREATE TABLE executions (id INTEGER PRIMARY KEY AUTOINCREMENT, job_id TEXT NOT NULL, key TEXT NOT NULL, "
       "scheduled INTEGER NOT NULL, trigger TEXT NOT NULL, attempt INTEGER NOT NULL, outcome TEXT NOT NULL, "
       "started_ms INTEGER NOT NULL, finished_ms INTEGER, message TEXT NOT NULL, replica TEXT NOT NULL);"
       "CREATE INDEX executions_by_job ON executions (job_id, id);"
       "CREATE INDEX executions_by_tick ON executions (job_id, trigger, scheduled);"
       "CREATE INDEX executions_by_key ON executions (key);"
       "CREATE TABLE claims (key TEXT PRIMARY KEY, job_id TEXT NOT NULL, scheduled INTEGER NOT NULL, "
       "trigger TEXT NOT NULL, owner TEXT NOT NULL);");
  sqlite3_stmt* claim = nullptr;
  sqlite3_stmt* insert = nullptr;
  sqlite3_stmt* finish = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO claims VALUES (?1, ?2, 0, 'scheduled', 'bench')", -1, &claim, nullptr);
  sqlite3_prepare_v2(db,
                     "INSERT INTO executions (job_id, key, scheduled, trigger, attempt, outcome, started_ms, "
                     "message, replica) VALUES (?1, ?2, 0, 'scheduled', 1, 'running', 0, '', 'bench')",
                     -1, &insert, nullptr);
  sqlite3_prepare_v2(db, "UPDATE executions SET outcome = 'succeeded', finished_ms = 1 WHERE id = ?1", -1, &finish,
                     nullptr);
  auto step = [](sqlite3_stmt* statement) {
    sqlite3_step(statement);
    sqlite3_reset(statement);
  };
  constexpr std::size_t kPerTransaction = 500;
  auto began = Steady::now();
  for (std::size_t first = 0; first < count; first += kPerTransaction) {
    exec("BEGIN");
    for (std::size_t i = first; i < std::min(count, first + kPerTransaction); ++i) {
      char job[32], key[64];
      std::snprintf(job, sizeof job, "job-%06zu", i);
      std::snprintf(key, sizeof key, "job-%06zu@2026-03-01T10:00Z", i);
      sqlite3_bind_text(claim, 1, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(claim, 2, job, -1, SQLITE_TRANSIENT);
      step(claim);
      sqlite3_bind_text(insert, 1, job, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(insert, 2, key, -1, SQLITE_TRANSIENT);
      step(insert);
      sqlite3_bind_int64(finish, 1, sqlite3_last_insert_rowid(db));
      step(finish);
    }
    exec("COMMIT");
  }
  double seconds = duration<double>(Steady::now() - began).count();
  for (sqlite3_stmt* statement : {claim, insert, finish}) sqlite3_finalize(statement);
  sqlite3_close(db);
  return static_cast<double>(count) / seconds;
}

[[noreturn]] void usage(const char* message) {
  std::fprintf(stderr,
               "runtime_bench: %s\nusage: cronc_bench_runtime [--registered N] [--burst N] [--idle-seconds N] "
               "[--sqlite-dir DIR]\n",
               message);
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t registered = 100000;
  std::size_t burst = 10000;
  seconds idle{20};
  std::filesystem::path sqlite_dir = std::filesystem::temp_directory_path();
  for (int i = 1; i < argc; i += 2) {
    std::string_view flag = argv[i];
    if (i + 1 >= argc) usage("missing value");
    std::string value = argv[i + 1];
    if (flag == "--registered") registered = std::stoul(value);
    else if (flag == "--burst") burst = std::stoul(value);
    else if (flag == "--idle-seconds") idle = seconds(std::stoul(value));
    else if (flag == "--sqlite-dir") sqlite_dir = value;
    else usage("unknown flag");
  }
  if (registered == 0 || burst == 0) usage("expected positive counts");

  std::size_t before_table = heap_in_use();
  JobTable table = make_table(registered, &do_nothing, false);
  double table_per_job = static_cast<double>(heap_in_use() - before_table) / static_cast<double>(registered);
  std::fprintf(stderr, "registering %zu jobs...\n", registered);
  Registration in_memory = register_jobs(table, cron::make_memory_store());
  auto registration_file = fresh_sqlite_file(sqlite_dir, "runtime_bench_registration.db");
  Registration in_sqlite = register_jobs(table, cron::make_sqlite_store(registration_file.string()));
  table = {};

  std::fprintf(stderr, "%zu jobs due at one minute boundary, memory store...\n", burst);
  Burst memory_burst = run_burst(burst, cron::make_memory_store(), idle);
  std::fprintf(stderr, "%zu jobs due at one minute boundary, SQLite store...\n", burst);
  auto burst_file = fresh_sqlite_file(sqlite_dir, "runtime_bench_burst.db");
  Burst sqlite_burst = run_burst(burst, cron::make_sqlite_store(burst_file.string()), idle);
  std::fprintf(stderr, "the same rows written straight to SQLite...\n");
  double bare_rate = bare_sqlite_rate(fresh_sqlite_file(sqlite_dir, "runtime_bench_bare.db"), burst);

  std::printf("| measure | memory store | SQLite store | target |\n|---|---:|---:|---|\n");
  std::printf("| %zu jobs: Runtime constructed and started | %.0f ms | %.0f ms | ≤ 1 s |\n", registered,
              in_memory.seconds * 1e3, in_sqlite.seconds * 1e3);
  std::printf("| heap added per job (resident) | %.0f B (%.0f B) | %.0f B (%.0f B) | ≤ 1 KiB |\n",
              in_memory.heap_per_job, in_memory.resident_per_job, in_sqlite.heap_per_job,
              in_sqlite.resident_per_job);
  std::printf("| %zu no-op jobs due at once: started within 1 s | %zu | %zu | all |\n", burst,
              memory_burst.within_1s, sqlite_burst.within_1s);
  std::printf("| lateness p50 / p99 / max | %.1f / %.1f / %.1f ms | %.1f / %.1f / %.1f ms | p99 ≤ 50 / 100 ms |\n",
              memory_burst.p50_ms, memory_burst.p99_ms, memory_burst.max_ms, sqlite_burst.p50_ms,
              sqlite_burst.p99_ms, sqlite_burst.max_ms);
  std::printf("| executions recorded per second, 4 workers | %.0f | %.0f | |\n", memory_burst.recorded_per_second,
              sqlite_burst.recorded_per_second);
  std::printf("| the same rows straight to SQLite, 500 executions per transaction | | %.0f/s (store: %.2fx) | "
              "store ≥ 0.1x |\n",
              bare_rate, sqlite_burst.recorded_per_second / bare_rate);
  std::printf("| timer wake-ups from start() to the burst's end | %d | %d | 1 (at the due time) |\n",
              memory_burst.burst_wakeups, sqlite_burst.burst_wakeups);
  std::printf("| idle %.0f s after the burst: timer wake-ups, CPU | %d, %.1f ms | %d, %.1f ms | 0 wake-ups |\n",
              memory_burst.idle_seconds, memory_burst.idle_wakeups, memory_burst.idle_cpu_ms,
              sqlite_burst.idle_wakeups, sqlite_burst.idle_cpu_ms);
  std::printf("\nThe job table itself (IDs and definitions, the program's own): %.0f B per job. %u CPUs.\n",
              table_per_job, std::thread::hardware_concurrency());
  bool all_started = memory_burst.started == burst && sqlite_burst.started == burst;
  if (!all_started) std::fprintf(stderr, "runtime_bench: not every job of a burst started\n");
  return all_started ? 0 : 1;
}

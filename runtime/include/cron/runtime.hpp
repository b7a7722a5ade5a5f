#pragma once
/// The embedded scheduler (docs/runtime.md): runs the generated job table in UTC, records every execution in a
/// store, and never stops because an endpoint failed or the store is slow, locked or down.

#include <cron/clock.hpp>
#include <cron/execution.hpp>
#include <cron/job_table.hpp>
#include <cron/log.hpp>
#include <cron/policy.hpp>
#include <cron/retention.hpp>
#include <cron/store.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cron {

struct RetryPolicy {
  int max_attempts = 1;  ///< 1: no retries
  std::chrono::milliseconds initial_backoff{1000};
  double multiplier = 2.0;
};

/// Settings of a Runtime. The CRON_* environment variables override them (Options::with_environment).
struct Options {
  std::string store = "sqlite:cron.db";  ///< CRON_STORE: `memory:`, `sqlite:PATH`, `postgresql://...`
  unsigned workers = 4;                  ///< endpoints that may run at once
  CatchUp catch_up = CatchUp::skip;
  std::chrono::seconds misfire_grace{60};  ///< a tick later than this counts as missed
  RetryPolicy retry;
  /// The timeout of a job that declares none (a job's `.timeout` overrides it); none: no timeout.
  std::optional<std::chrono::milliseconds> timeout;
  bool disabled = false;                 ///< CRON_DISABLED=1: no scheduled runs; manual runs still work
  std::string dashboard;                 ///< CRON_DASHBOARD: HOST:PORT; empty: no dashboard
  std::string dashboard_token;           ///< CRON_DASHBOARD_TOKEN
  std::string replica;                   ///< this process's name in the records; empty: host:pid
  /// How long a replica holds a claimed tick without renewing it (PostgreSQL store; renewed every third of it).
  /// After a replica dies, another one retries its tick this long after the last renewal.
  std::chrono::milliseconds lease{30000};
  /// How much history the store keeps (docs/dashboard.md, "Retention"): CRON_HISTORY_KEEP, CRON_HISTORY_MAX_AGE.
  HistoryRetention history;
  /// A CRON_* value with_environment() refused, one line: the Runtime's constructor throws it as a SetupError,
  /// as it throws an unknown CRON_STORE scheme. Empty: none.
  std::string environment_error;
  /// Where each start, finish, skip, miss and store error goes; empty: nowhere.
  LogSink log = log_to_stderr;
  std::shared_ptr<Clock> clock;          ///< empty: the system clock
  std::unique_ptr<Store> store_instance; ///< overrides `store` (tests pass a shared store)

  /// These options with CRON_STORE, CRON_DASHBOARD, CRON_DASHBOARD_TOKEN, CRON_DISABLED, CRON_HISTORY_KEEP and
  /// CRON_HISTORY_MAX_AGE applied; a value it refuses is kept in environment_error.
  Options with_environment() &&;
};

/// A job as the dashboard and the API show it.
struct JobSnapshot {
  std::string id;
  std::string title;
  std::string schedule;     ///< as written: `every:120` or `schedule:0 4 15 * *`
  std::string description;  ///< English
  std::string time_zone;    ///< the IANA zone the schedule is read in; empty: UTC
  std::optional<std::chrono::sys_seconds> next_run;  ///< empty while disabled
  std::chrono::seconds next_run_offset{0};           ///< the zone's UTC offset at next_run: local = UTC + offset
  std::string doc;          ///< the declaration's doc comment
  bool running = false;
  /// Runs of the job asked to stop more than kStuckAfter ago that have not returned: an endpoint that ignores its
  /// stop token (docs/policies.md, "Cancellation"). It is recorded when it returns.
  std::size_t stuck = 0;
  std::optional<Pause> paused;  ///< set while an operator has paused the job (on any replica)
  std::vector<Execution> recent;  ///< newest first
};

/// How long a run may go on after stop was requested of it before it counts as stuck (a log line, the
/// `cronjob_stuck` metric, a badge on the dashboard).
inline constexpr std::chrono::seconds kStuckAfter{30};

struct TriggerResult {
  enum class Status {
    started,
    unknown_job,
    already_running,  ///< here or, with a shared store, on another replica
    unavailable,      ///< the store could not be reached, so the run was not claimed
  } status;
  std::string key;  ///< the manual run's idempotency key
};

/// What Runtime::cancel() did.
enum class CancelResult {
  requested,    ///< stop was requested of every running attempt of the job
  unknown_job,
  not_running,  ///< no attempt of the job runs in this process
};

/// What Runtime::pause() and resume() did.
enum class PauseResult {
  done,  ///< the store has the change; every runtime on it honours it from its next timer pass
  unknown_job,
};

/// What Runtime::backfill() did.
struct BackfillResult {
  enum class Status {
    accepted,     ///< the ticks run in the background, oldest first, one at a time
    unknown_job,
    refused,      ///< the window: backwards, in the future or too wide; `error` says which
    unavailable,  ///< the runtime is stopping
  } status;
  std::size_t ticks = 0;  ///< accepted: the ticks planned (those that already ran are skipped, not run again)
  std::string error{};    ///< refused: the planner's reason
};

/// A facade over the scheduler's parts (runtime/src/scheduler/): the timer, claims, the worker pool, the
/// recorder and the lease keeper. No store call runs under a lock that stop(), trigger() or a reader needs.
class Runtime {
 public:
  /// Opens the store (Options::store, unless Options::store_instance is set) and queues the recovery of what a
  /// stopped process left: runs still `running` become interrupted, claims without an execution are recorded.
  /// Throws cron::StoreError when the store cannot be opened (an unknown scheme, an unreachable server, a corrupt,
  /// read-only or busy SQLite file, a schema newer than this cronc): one line naming the store; and its base,
  /// cron::SetupError, for a job's time zone that this machine's tz database lacks. A service's main catches
  /// SetupError, prints it and exits 2.
  explicit Runtime(Options options, std::span<const JobDefinition> jobs = registered_jobs());
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  /// Schedules every job, from where the store says each one last ran.
  void start();
  /// Starts no new run and waits up to `deadline` for running ones; returns the keys still running then.
  std::vector<std::string> stop(std::chrono::milliseconds deadline);
  /// Runs a job now with its own key (also while disabled).
  TriggerResult trigger(std::string_view id);
  /// Requests stop of the job's running attempts (docs/policies.md): each is recorded `cancelled` when it returns.
  CancelResult cancel(std::string_view id);
  /// Pauses a job in the store (docs/runtime.md, "Pause and resume"), on every replica and across restarts: its
  /// ticks are neither run nor recorded until resume(); trigger() still runs it. A pause replaces one the job has.
  /// `by` says who (the dashboard: the X-Cron-Actor header, else the client's address). Throws StoreError when
  /// the store cannot take it.
  PauseResult pause(std::string_view id, std::string note, std::string by);
  /// Lifts a job's pause (nothing to do when it has none): the next tick after now is its next run; the ticks the
  /// pause left out are not replayed, here or after a restart. Throws StoreError when the store cannot take it.
  PauseResult resume(std::string_view id);
  /// Runs the job's ticks from `from` to `to` (both included, in its time zone's schedule; docs/dashboard.md,
  /// "Backfill") in the background, oldest first, each after the previous one finished, with trigger `backfill`
  /// and the tick's own key: a tick claimed before (run, skipped or missed, here or on a replica) is not run again.
  BackfillResult backfill(std::string_view id, std::chrono::sys_seconds from, std::chrono::sys_seconds to);
  /// Every job with its state and `recent` executions. Throws StoreError when the store cannot be read.
  std::vector<JobSnapshot> snapshot(std::size_t recent = 20) const;
  /// A job's executions, newest first. Throws StoreError when the store cannot be read (never an empty history).
  std::vector<Execution> history(std::string_view id, std::size_t limit, std::int64_t before_id = 0) const;
  /// How many runs of a job that started since `since` failed, timed out or were interrupted (the outcomes a
  /// `failing` state comes from). Throws StoreError when the store cannot be read.
  std::size_t failures_since(std::string_view id, TimePoint since) const;
  /// Runs one tick of one job through the same path as the scheduler (store, key, retries) and waits for it;
  /// for platform schedulers (`--cron-run-job`). Returns the final execution, or nothing for an unknown ID. A
  /// paused job's tick is not run: `skipped`, and not recorded.
  std::optional<Execution> run_tick(std::string_view id, std::chrono::sys_seconds scheduled);
  /// For tests on a manual clock: waits until every tick due by the clock's current time is handled and no
  /// endpoint runs.
  void wait_until_idle();
  /// For tests on a manual clock: waits until every tick due by the clock's current time is handled (run, queued,
  /// skipped or missed), whether or not endpoints still run.
  void wait_until_ticks_handled();
  /// For tests: waits until every outcome so far, and the running row of every run under way, is written to the
  /// store (never returns while it refuses them). Queued attempts are waited for until they start.
  void wait_until_recorded();

  const Options& options() const;
  /// This process's name in the records (Options::replica, or host:pid): the dashboard counts its own runs.
  const std::string& replica() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace cron

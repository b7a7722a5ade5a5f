#pragma once
/// One run (or non-run) of a job at one tick, as the stores record it and the dashboard shows it.

#include <cron/clock.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>

namespace cron {

enum class Outcome {
  running,      ///< started, not finished (yet)
  succeeded,
  failed,       ///< returned a failure or threw; `message` says why
  timed_out,    ///< ran past the job's timeout, then stop was requested (recorded when it returns)
  skipped,      ///< the previous run of the job was still running at this tick
  missed,       ///< the tick passed while the process was down or the clock jumped forward
  interrupted,  ///< the process died while it ran (found `running` at the next start)
  cancelled,    ///< stop was requested (the API's cancel, or `cancel_running`) and it returned
};

std::string_view to_string(Outcome outcome);
std::optional<Outcome> outcome_from_string(std::string_view text);

enum class Trigger {
  scheduled,
  manual,    ///< Runtime::trigger(), the API's run
  backfill,  ///< Runtime::backfill(): a past tick, run with its scheduled key
};

std::string_view to_string(Trigger trigger);
std::optional<Trigger> trigger_from_string(std::string_view text);

struct Execution {
  std::int64_t id = 0;                 ///< assigned by the store
  std::string job_id;
  std::string key;                     ///< the idempotency key: `ID@2026-03-01T10:00Z`, the same for each attempt
  std::chrono::sys_seconds scheduled;  ///< the tick (for a manual run: when it was asked for)
  Trigger trigger = Trigger::scheduled;
  int attempt = 1;
  Outcome outcome = Outcome::running;
  TimePoint started{};
  std::optional<TimePoint> finished;   ///< empty while running, and for a run interrupted before it finished

  std::string message;
  std::string replica;                 ///< which process ran it

  /// How long it ran; empty when it has not finished (running, interrupted).
  std::optional<std::chrono::milliseconds> duration() const {
    if (!finished) return std::nullopt;
    return std::chrono::duration_cast<std::chrono::milliseconds>(*finished - started);
  }
};

/// `ID@YYYY-MM-DDTHH:MMZ`: the key of the tick `scheduled` of job `id`.
std::string idempotency_key(std::string_view job_id, std::chrono::sys_seconds scheduled);

/// What an endpoint can learn about the run it is in.
struct CurrentExecution {
  std::string_view job_id;
  std::string_view key;
  std::chrono::sys_seconds scheduled;
  int attempt = 1;
  Trigger trigger = Trigger::scheduled;
  /// Asks the endpoint to stop early: on its timeout, `cancel_running`, a cancel from the API, Runtime::stop()
  /// and a lost lease (docs/policies.md). Stopping is cooperative: one that never looks is recorded when it returns.
  std::stop_token stop_token;
  bool stop_requested() const { return stop_token.stop_requested(); }
};

/// The execution the calling thread is running; empty outside an endpoint.
std::optional<CurrentExecution> current_execution();

}  // namespace cron

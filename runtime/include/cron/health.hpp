#pragma once
/// How a job is doing, in the words Healthchecks uses (docs/dashboard.md, "Health states"): a pure function of what
/// the runtime knows about the job, so the API, the page and the metrics agree and tests need no scheduler.

#include <cron/clock.hpp>
#include <cron/execution.hpp>

#include <chrono>
#include <optional>
#include <span>
#include <string_view>

namespace cron {

enum class Health {
  never_ran,  ///< `new`: no run has finished yet
  up,         ///< the last finished run succeeded
  failing,    ///< the last finished run failed, timed out or was interrupted
  late,       ///< a tick is past due by more than the misfire grace and has not started
  paused,     ///< paused by an operator: ticks are neither run nor recorded
};

/// `new`, `up`, `failing`, `late`, `paused`: the names in the API and in `cronjob_state{state}`.
std::string_view to_string(Health health);

/// Every state, in the order above: the metrics print one series for each.
inline constexpr Health kHealthStates[] = {Health::never_ran, Health::up, Health::failing, Health::late,
                                           Health::paused};

/// The outcomes of a finished run that make a job `failing`: every one but `succeeded` (a `cancelled` run was
/// stopped on purpose and says nothing of the job's health).
inline constexpr Outcome kFailingOutcomes[] = {Outcome::failed, Outcome::timed_out, Outcome::interrupted};

/// What the health of a job depends on.
struct HealthFacts {
  /// The outcome of the job's last finished run; empty when none has finished. Ticks not run (`skipped`,
  /// `missed`) and runs in progress are not finished runs.
  std::optional<Outcome> last_finished;
  /// The job's next tick that has not started; empty while the scheduler is disabled.
  std::optional<std::chrono::sys_seconds> next_due;
  TimePoint now{};
  std::chrono::seconds misfire_grace{60};
  bool paused = false;
};

/// Paused wins, then late (the newest news: the scheduler is not keeping up), then the last finished run.
Health health_of(const HealthFacts& facts);

/// The last finished run's outcome among `executions` (newest first), for HealthFacts::last_finished.
std::optional<Outcome> last_finished_outcome(std::span<const Execution> executions);

}  // namespace cron

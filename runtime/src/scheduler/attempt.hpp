#pragma once
// One attempt (docs/runtime.md): one call of a job's endpoint for one claimed tick, from its start to its
// outcome, and the delay before the next attempt when it failed. Knows nothing of the store or of other attempts.

#include <cron/job_table.hpp>
#include <cron/runtime.hpp>
#include <cron/store.hpp>

#include <chrono>
#include <optional>
#include <stop_token>
#include <string>

namespace cron::scheduler {

/// Work for the pool: one attempt of a claimed tick (or manual run).
struct Work {
  std::size_t job = 0;
  Claim claim;  ///< its key, tick, trigger and attempt number
};

/// The execution of `work` as it starts now: outcome `running`, started at `now`.
Execution begin_attempt(const JobDefinition& job, const Work& work, TimePoint now, const std::string& replica);

/// Calls the endpoint with `current_execution()` set (and `stop` as its stop token), and fills in the outcome,
/// message and finish time; a run longer than `timeout` is `timed_out`.
void run_attempt(const JobDefinition& job, Execution& execution, std::stop_token stop,
                 std::optional<std::chrono::milliseconds> timeout);

/// Records why stop was asked of an attempt that has returned: `timed_out` (past `timeout`) or `cancelled`,
/// whatever the endpoint returned, which stays in the message.
void record_stop(Execution& execution, Outcome reason, std::optional<std::chrono::milliseconds> timeout);

/// Whether a finished attempt gets another: it failed, it was a scheduled tick, and attempts are left.
bool retries(const Execution& execution, const RetryPolicy& policy);
/// How long to wait after the failed attempt `attempt` before the next one.
std::chrono::milliseconds retry_delay(const RetryPolicy& policy, int attempt);

}  // namespace cron::scheduler

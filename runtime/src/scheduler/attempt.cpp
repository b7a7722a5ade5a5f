#include "scheduler/attempt.hpp"

#include <cmath>
#include <exception>

namespace cron {

namespace {
thread_local const CurrentExecution* current = nullptr;
}

std::optional<CurrentExecution> current_execution() {
  if (current == nullptr) return std::nullopt;
  return *current;
}

namespace scheduler {

Execution begin_attempt(const JobDefinition& job, const Work& work, TimePoint now, const std::string& replica) {
  Execution execution;
  execution.job_id = std::string(job.id);
  execution.key = work.claim.key;
  execution.scheduled = work.claim.scheduled;
  execution.trigger = work.claim.trigger;
  execution.attempt = work.claim.attempt;
  execution.started = now;
  execution.replica = replica;
  return execution;
}

void run_attempt(const JobDefinition& job, Execution& execution, std::stop_token stop,
                 std::optional<std::chrono::milliseconds> timeout) {
  CurrentExecution context{job.id, execution.key, execution.scheduled, execution.attempt, execution.trigger,
                           std::move(stop)};
  auto began = std::chrono::steady_clock::now();
  current = &context;
  try {
    Status status = job.run();
    execution.outcome = status.ok() ? Outcome::succeeded : Outcome::failed;
    execution.message = status.message();
  } catch (const std::exception& error) {
    execution.outcome = Outcome::failed;
    execution.message = error.what();
  } catch (...) {
    execution.outcome = Outcome::failed;
    execution.message = "the endpoint threw an exception that is not a std::exception";
  }
  current = nullptr;
  auto elapsed = std::chrono::steady_clock::now() - began;
  execution.finished = execution.started + std::chrono::duration_cast<TimePoint::duration>(elapsed);
  if (timeout && elapsed > *timeout) {
    execution.message = "ran " + std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()) +
                        " ms, past its deadline of " + std::to_string(timeout->count()) + " ms" +
                        (execution.message.empty() ? "" : ": " + execution.message);
    execution.outcome = Outcome::timed_out;
  }
}

void record_stop(Execution& execution, Outcome reason, std::optional<std::chrono::milliseconds> timeout) {
  if (execution.outcome == Outcome::timed_out) return;  // already past its deadline by the steady clock
  std::string returned = execution.outcome == Outcome::succeeded
                             ? "it returned success"
                             : "it returned: " + (execution.message.empty() ? std::string("a failure") : execution.message);
  if (reason == Outcome::timed_out && timeout)
    execution.message = "stop requested after its timeout of " + std::to_string(timeout->count()) + " ms; " + returned;
  else
    execution.message = "stop requested by a cancel; " + returned;
  execution.outcome = reason;
}

bool retries(const Execution& execution, const RetryPolicy& policy) {
  bool failed = execution.outcome == Outcome::failed || execution.outcome == Outcome::timed_out;
  return failed && execution.trigger == Trigger::scheduled && execution.attempt < policy.max_attempts;
}

std::chrono::milliseconds retry_delay(const RetryPolicy& policy, int attempt) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(policy.initial_backoff *
                                                               std::pow(policy.multiplier, attempt - 1));
}

}  // namespace scheduler
}  // namespace cron

#pragma once
// What the SQL stores share: times as integers and an execution decoded from a row, so the SQLite and the
// PostgreSQL stores read and write the same values the same way.

#include <cron/execution.hpp>
#include <cron/store.hpp>

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace cron::stores {

/// Milliseconds since the epoch, as the stores keep start and finish times.
inline std::int64_t to_ms(TimePoint time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}
inline TimePoint from_ms(std::int64_t ms) {
  return TimePoint(std::chrono::duration_cast<TimePoint::duration>(std::chrono::milliseconds(ms)));
}
inline std::int64_t to_seconds(std::chrono::sys_seconds time) { return time.time_since_epoch().count(); }
inline std::chrono::sys_seconds from_seconds(std::int64_t seconds) {
  return std::chrono::sys_seconds(std::chrono::seconds(seconds));
}

/// The columns every history query selects, in this order; finished_ms is NULL until the run finishes.
enum ExecutionColumn { kId, kJobId, kKey, kScheduled, kTrigger, kAttempt, kOutcome, kStartedMs, kFinishedMs,
                       kMessage, kReplica };

/// An execution from a row in ExecutionColumn order. `Row` reads one column: integer(i), text(i), is_null(i).
template <class Row>
Execution execution_from_row(const Row& row) {
  Execution e;
  e.id = row.integer(kId);
  e.job_id = row.text(kJobId);
  e.key = row.text(kKey);
  e.scheduled = from_seconds(row.integer(kScheduled));
  e.trigger = trigger_from_string(row.text(kTrigger)).value_or(Trigger::scheduled);
  e.attempt = static_cast<int>(row.integer(kAttempt));
  e.outcome = outcome_from_string(row.text(kOutcome)).value_or(Outcome::interrupted);
  e.started = from_ms(row.integer(kStartedMs));
  if (!row.is_null(kFinishedMs)) e.finished = from_ms(row.integer(kFinishedMs));
  e.message = row.text(kMessage);
  e.replica = row.text(kReplica);
  return e;
}

/// The columns every claim query selects, in this order.
enum ClaimColumn { kClaimKey, kClaimJobId, kClaimScheduled, kClaimTrigger };

/// A claim from a row in ClaimColumn order.
template <class Row>
Claim claim_from_row(const Row& row) {
  Claim claim;
  claim.key = row.text(kClaimKey);
  claim.job_id = row.text(kClaimJobId);
  claim.scheduled = from_seconds(row.integer(kClaimScheduled));
  claim.trigger = trigger_from_string(row.text(kClaimTrigger)).value_or(Trigger::scheduled);
  return claim;
}

/// The columns every pause query selects, in this order; resumed_ms is NULL while the job is paused.
enum PauseColumn { kPauseJobId, kPausedMs, kPausedBy, kPauseNote, kResumedMs };

/// A job's pause from a row in PauseColumn order.
template <class Row>
PauseRecord pause_from_row(const Row& row) {
  PauseRecord record;
  record.job_id = row.text(kPauseJobId);
  record.pause.at = from_ms(row.integer(kPausedMs));
  record.pause.by = row.text(kPausedBy);
  record.pause.note = row.text(kPauseNote);
  if (!row.is_null(kResumedMs)) record.resumed = from_ms(row.integer(kResumedMs));
  return record;
}

/// `,failed,timed_out,`: outcomes as one text a query matches `',' || outcome || ','` in.
std::string outcome_list(std::span<const Outcome> outcomes);

/// A message from a database library on one line: their hints follow on indented lines.
std::string one_line(std::string_view text);

}  // namespace cron::stores

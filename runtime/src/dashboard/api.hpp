#pragma once
/// The JSON API over a Runtime: jobs with their recent executions, paged history, manual runs, cancel, pause and
/// resume.

#include "dashboard/reply.hpp"

#include <cron/health.hpp>
#include <cron/runtime.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace cron::dashboard {

/// Executions as JSON (`started`/`finished` with milliseconds, `finished` and `duration_ms` null while running).
nlohmann::json to_json(const Execution& execution);

/// A job's pause as JSON: `{"at", "by", "note"}`, or null when it is not paused.
nlohmann::json to_json(const std::optional<Pause>& pause);

/// `2026-03-01T10:00:00.123Z`.
std::string format_utc_ms(TimePoint time);

/// The runtime's clock (a system clock unless the options inject one), for "now" in the API and the states.
std::shared_ptr<Clock> clock_of(const Runtime& runtime);

/// The health of `job` at `now`, from its pause and the outcome of its last finished run.
Health health_of_job(const Runtime& runtime, const JobSnapshot& job, std::optional<Outcome> last_finished,
                     TimePoint now);

class Api {
 public:
  /// Executions per job in the job list, for the last outcome and the bar chart.
  static constexpr std::size_t kRecent = 20;
  static constexpr std::size_t kDefaultLimit = 50;
  static constexpr std::size_t kMaxLimit = 200;
  /// The window of a job's `failures_24h`.
  static constexpr std::chrono::hours kFailureWindow{24};

  /// `runs_allowed` tells the page whether to offer "Run now" (the access policy decides what is refused).
  Api(Runtime& runtime, bool runs_allowed);

  bool knows(std::string_view id) const { return ids_.contains(id); }

  /// `{"now", "runs_allowed", "jobs": [job...]}`.
  nlohmann::json jobs() const;
  /// `{"now", "runs_allowed", "job": job}` for a known ID.
  nlohmann::json job(std::string_view id) const;
  /// `{"executions": [...], "next_before": ID or null}`: up to `limit` executions of a job older than `before`
  /// (0: the newest), newest first; `next_before` is the `before` of the next page when there is one.
  nlohmann::json executions(std::string_view id, std::size_t limit, std::int64_t before) const;
  /// executions() with `limit` and `before` from the query; 400 for malformed or out-of-range values.
  Reply executions(std::string_view id, const Query& query) const;
  /// 202 `{"job", "key"}`, 404 for an unknown ID, 409 while the job runs, 503 when the store cannot be reached.
  Reply run(std::string_view id);
  /// 202 when stop was requested of the job's running attempts (docs/policies.md), 409 when none runs here.
  Reply cancel(std::string_view id);
  /// 200 `{"job", "paused"}` once the store has the pause; `body` is empty or `{"note": "..."}` (400 otherwise);
  /// `by` says who asked. A store error throws StoreError (503 with its message).
  Reply pause(std::string_view id, std::string_view body, std::string by);
  /// 200 `{"job", "paused": null}` once the store has the resume (also when the job was not paused).
  Reply resume(std::string_view id);
  /// Runs the job's ticks in the window of the JSON body `{"from": T, "to": T}` (RFC 3339 UTC; docs/dashboard.md,
  /// "Backfill"): 202 `{"job", "ticks"}`, 400 for a bad body, time or window, 503 while the runtime stops.
  Reply backfill(std::string_view id, std::string_view body);

 private:
  nlohmann::json job_json(const JobSnapshot& job) const;
  std::string now() const;

  Runtime& runtime_;
  std::shared_ptr<Clock> clock_;
  bool runs_allowed_;
  std::set<std::string, std::less<>> ids_;
};

}  // namespace cron::dashboard

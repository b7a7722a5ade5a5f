#include "dashboard/api.hpp"

#include <cron/zoned_schedule.hpp>

#include <charconv>
#include <limits>

namespace cron::dashboard {

namespace {

using nlohmann::json;

/// A query parameter as an integer in [min, max]; the default when absent; empty when malformed.
std::optional<std::int64_t> integer_param(const Query& query, const std::string& name, std::int64_t fallback,
                                          std::int64_t min, std::int64_t max) {
  auto found = query.find(name);
  if (found == query.end()) return fallback;
  const std::string& text = found->second;
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) return std::nullopt;
  return value;
}

}  // namespace

std::string format_utc_ms(TimePoint time) {
  auto ms = std::chrono::floor<std::chrono::milliseconds>(time);
  auto seconds = std::chrono::floor<std::chrono::seconds>(ms);
  std::string text = format_utc(seconds);  // ...:SSZ
  std::string fraction = std::to_string((ms - seconds).count() + 1000);
  text.insert(text.size() - 1, "." + fraction.substr(1));
  return text;
}

json to_json(const Execution& execution) {
  return {
      {"id", execution.id},
      {"job", execution.job_id},
      {"key", execution.key},
      {"trigger", to_string(execution.trigger)},
      {"attempt", execution.attempt},
      {"outcome", to_string(execution.outcome)},
      {"scheduled", format_utc(execution.scheduled)},
      {"started", format_utc_ms(execution.started)},
      {"finished", execution.finished ? json(format_utc_ms(*execution.finished)) : json(nullptr)},
      {"duration_ms", execution.duration() ? json(execution.duration()->count()) : json(nullptr)},
      {"message", execution.message},
      {"replica", execution.replica},
  };
}

json to_json(const std::optional<Pause>& pause) {
  if (!pause) return nullptr;
  return {{"at", format_utc_ms(pause->at)}, {"by", pause->by}, {"note", pause->note}};
}

std::shared_ptr<Clock> clock_of(const Runtime& runtime) {
  return runtime.options().clock ? runtime.options().clock : std::make_shared<SystemClock>();
}

Health health_of_job(const Runtime& runtime, const JobSnapshot& job, std::optional<Outcome> last_finished,
                     TimePoint now) {
  return health_of({.last_finished = last_finished,
                    .next_due = job.next_run,
                    .now = now,
                    .misfire_grace = runtime.options().misfire_grace,
                    .paused = job.paused.has_value()});
}

Api::Api(Runtime& runtime, bool runs_allowed)
    : runtime_(runtime), clock_(clock_of(runtime)), runs_allowed_(runs_allowed) {
  for (const JobSnapshot& job : runtime.snapshot(0)) ids_.insert(job.id);
}

std::string Api::now() const { return format_utc_ms(clock_->now()); }

json Api::job_json(const JobSnapshot& job) const {
  json recent = json::array();
  for (const Execution& execution : job.recent) recent.push_back(to_json(execution));
  return {
      {"id", job.id},
      {"title", job.title},
      {"doc", job.doc},
      {"schedule", job.schedule},
      {"description", job.description},
      {"time_zone", job.time_zone.empty() ? json(nullptr) : json(job.time_zone)},
      {"next_run", job.next_run ? json(format_utc(*job.next_run)) : json(nullptr)},
      {"next_run_local", job.next_run ? json(format_local(*job.next_run, job.next_run_offset)) : json(nullptr)},
      {"running", job.running},
      {"stuck", job.stuck},
      {"state", to_string(health_of_job(runtime_, job, last_finished_outcome(job.recent), clock_->now()))},
      {"paused", to_json(job.paused)},
      {"failures_24h", runtime_.failures_since(job.id, clock_->now() - kFailureWindow)},
      {"last", recent.empty() ? json(nullptr) : recent.front()},
      {"recent", recent},
  };
}

json Api::jobs() const {
  json jobs = json::array();
  for (const JobSnapshot& job : runtime_.snapshot(kRecent)) jobs.push_back(job_json(job));
  return {{"now", now()}, {"runs_allowed", runs_allowed_}, {"jobs", std::move(jobs)}};
}

json Api::job(std::string_view id) const {
  // The runtime snapshots every job at once; only this one's history is read.
  for (JobSnapshot& job : runtime_.snapshot(0)) {
    if (job.id != id) continue;
    job.recent = runtime_.history(id, kRecent);
    return {{"now", now()}, {"runs_allowed", runs_allowed_}, {"job", job_json(job)}};
  }
  return nullptr;
}

json Api::executions(std::string_view id, std::size_t limit, std::int64_t before) const {
  // One more than asked tells whether an older page exists.
  auto page = runtime_.history(id, limit + 1, before);
  bool more = page.size() > limit;
  if (more) page.pop_back();
  json executions = json::array();
  for (const Execution& execution : page) executions.push_back(to_json(execution));
  return {{"executions", std::move(executions)}, {"next_before", more ? json(page.back().id) : json(nullptr)}};
}

Reply Api::executions(std::string_view id, const Query& query) const {
  auto limit = integer_param(query, "limit", kDefaultLimit, 1, kMaxLimit);
  if (!limit) return json_error(400, "limit must be a whole number from 1 to " + std::to_string(kMaxLimit));
  auto before = integer_param(query, "before", 0, 0, std::numeric_limits<std::int64_t>::max());
  if (!before) return json_error(400, "before must be an execution id (a whole number; 0: the newest)");
  return json_reply(200, executions(id, static_cast<std::size_t>(*limit), *before));
}

Reply Api::run(std::string_view id) {
  TriggerResult result = runtime_.trigger(id);
  switch (result.status) {
    case TriggerResult::Status::started:
      return json_reply(202, {{"job", id}, {"key", result.key}});
    case TriggerResult::Status::unknown_job:
      return json_error(404, "no job '" + std::string(id) + "'");
    case TriggerResult::Status::already_running:
      return json_error(409, "job '" + std::string(id) +
                                 "' is running now (here or on another replica); try again when it has finished");
    case TriggerResult::Status::unavailable:
      return json_error(503, "the execution store cannot be reached, so the run was not started; try again");
  }
  return json_error(500, "unexpected trigger status");
}

Reply Api::cancel(std::string_view id) {
  switch (runtime_.cancel(id)) {
    case CancelResult::requested:
      return json_reply(202, {{"job", id}, {"stop_requested", true}});
    case CancelResult::unknown_job:
      return json_error(404, "no job '" + std::string(id) + "'");
    case CancelResult::not_running:
      return json_error(409, "job '" + std::string(id) + "' has no run in this process to cancel");
  }
  return json_error(500, "unexpected cancel result");
}

Reply Api::pause(std::string_view id, std::string_view body, std::string by) {
  std::string note;
  if (body.find_first_not_of(" \t\r\n") != std::string_view::npos) {
    json request = json::parse(body, nullptr, /*allow_exceptions=*/false);
    bool shaped = request.is_object() && (!request.contains("note") || request["note"].is_string());
    if (!shaped) return json_error(400, R"(the body must be empty or JSON like {"note": "why it is paused"})");
    note = request.value("note", "");
  }
  if (runtime_.pause(id, std::move(note), std::move(by)) == PauseResult::unknown_job)
    return json_error(404, "no job '" + std::string(id) + "'");
  for (const JobSnapshot& job : runtime_.snapshot(0))
    if (job.id == id) return json_reply(200, {{"job", id}, {"paused", to_json(job.paused)}});
  return json_error(500, "the paused job is gone");
}

Reply Api::resume(std::string_view id) {
  if (runtime_.resume(id) == PauseResult::unknown_job) return json_error(404, "no job '" + std::string(id) + "'");
  return json_reply(200, {{"job", id}, {"paused", nullptr}});
}

Reply Api::backfill(std::string_view id, std::string_view body) {
  constexpr std::string_view kShape = R"(; send {"from": "2026-03-01T00:00:00Z", "to": "2026-03-02T00:00:00Z"})";
  json request = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!request.is_object()) return json_error(400, "the body is not a JSON object" + std::string(kShape));
  std::chrono::sys_seconds window[2];
  const char* names[2] = {"from", "to"};
  for (int i = 0; i < 2; ++i) {
    auto field = request.find(names[i]);
    if (field == request.end() || !field->is_string())
      return json_error(400, "'" + std::string(names[i]) + "' is missing or not a string" + std::string(kShape));
    const std::string& text = field->get_ref<const std::string&>();
    // RFC 3339 in UTC, to the second: parse_utc alone would also take a date or a time without `Z`.
    if (text.size() != 20 || text[10] != 'T' || text.back() != 'Z' || !parse_utc(text, window[i])) {
      return json_error(400, "'" + std::string(names[i]) + "' is '" + text +
                                 "', not an RFC 3339 UTC time such as 2026-03-01T00:00:00Z");
    }
  }
  BackfillResult result = runtime_.backfill(id, window[0], window[1]);
  switch (result.status) {
    case BackfillResult::Status::accepted:
      return json_reply(202, {{"job", id}, {"ticks", result.ticks}});
    case BackfillResult::Status::unknown_job:
      return json_error(404, "no job '" + std::string(id) + "'");
    case BackfillResult::Status::refused:
      return json_error(400, result.error);
    case BackfillResult::Status::unavailable:
      return json_error(503, "the runtime is stopping, so the backfill was not started");
  }
  return json_error(500, "unexpected backfill status");
}

}  // namespace cron::dashboard

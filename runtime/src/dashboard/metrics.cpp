#include "dashboard/metrics.hpp"

#include "dashboard/api.hpp"

#include <cron/schedule.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace cron::dashboard {

namespace {

/// Executions read from the store at a time while catching up.
constexpr std::size_t kPage = 200;

constexpr Outcome kRunOutcomes[] = {Outcome::succeeded, Outcome::failed, Outcome::timed_out, Outcome::interrupted,
                                     Outcome::cancelled};

double seconds_since_epoch(TimePoint time) {
  auto milliseconds = std::chrono::floor<std::chrono::milliseconds>(time).time_since_epoch();
  return static_cast<double>(milliseconds.count()) / 1000;
}

void family(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  fmt::format_to(std::back_inserter(out), "# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

}  // namespace

std::string escape_label_value(std::string_view value) {
  std::string escaped;
  escaped.reserve(value.size());
  for (char c : value) {
    if (c == '\\') escaped += "\\\\";
    else if (c == '"') escaped += "\\\"";
    else if (c == '\n') escaped += "\\n";
    else escaped += c;
  }
  return escaped;
}

Metrics::Metrics(const Runtime& runtime) : runtime_(runtime), clock_(clock_of(runtime)) {
  for (const JobSnapshot& job : runtime.snapshot(0)) {
    JobCounters& counters = jobs_[job.id];
    auto recent = runtime.history(job.id, kPage);
    if (!recent.empty()) counters.counted_until = recent.front().id;
    counters.last_finished = last_finished_outcome(recent);
    for (const Execution& execution : recent) {
      if (execution.outcome != Outcome::succeeded) continue;
      counters.last_success = execution.finished.value_or(execution.started);
      break;
    }
  }
}

void Metrics::count(const Execution& execution, JobCounters& counters) {
  ++counters.outcomes[execution.outcome];
  if (execution.outcome != Outcome::succeeded && execution.outcome != Outcome::failed &&
      execution.outcome != Outcome::timed_out)
    return;
  double seconds =
      execution.finished ? std::chrono::duration<double>(*execution.finished - execution.started).count() : 0.0;
  for (std::size_t i = 0; i < std::size(kBuckets); ++i)
    if (seconds <= kBuckets[i]) ++counters.buckets[i];
  ++counters.duration_count;
  counters.duration_sum += seconds;
}

void Metrics::update(const std::string& id, JobCounters& counters) {
  // The executions above the watermark, newest first; the first page also gives the latest success.
  std::vector<Execution> fresh;
  std::int64_t before = 0;
  for (bool first = true;; first = false) {
    auto page = runtime_.history(id, kPage, before);
    if (first) {
      if (auto last = last_finished_outcome(page)) counters.last_finished = last;
      for (const Execution& execution : page) {
        if (execution.outcome != Outcome::succeeded) continue;
        TimePoint finished = execution.finished.value_or(execution.started);
        if (!counters.last_success || finished > *counters.last_success) counters.last_success = finished;
        break;
      }
    }
    bool reached = false;
    for (Execution& execution : page) {
      if (execution.id <= counters.counted_until) {
        reached = true;
        break;
      }
      fresh.push_back(std::move(execution));
    }
    if (reached || page.size() < kPage) break;
    before = fresh.back().id;
  }

  // Runs of this replica still going keep the watermark below them, so they are counted once they finish.
  std::int64_t lowest_running = std::numeric_limits<std::int64_t>::max();
  std::int64_t newest = counters.counted_until;
  for (const Execution& execution : fresh) {
    newest = std::max(newest, execution.id);
    if (execution.replica != runtime_.replica()) continue;
    if (execution.outcome == Outcome::running) {
      lowest_running = std::min(lowest_running, execution.id);
      continue;
    }
    if (counters.counted.insert(execution.id).second) count(execution, counters);
  }
  counters.counted_until = lowest_running == std::numeric_limits<std::int64_t>::max() ? newest : lowest_running - 1;
  counters.counted.erase(counters.counted.begin(), counters.counted.upper_bound(counters.counted_until));
}

std::string Metrics::scrape() {
  auto jobs = runtime_.snapshot(0);
  std::lock_guard lock(mutex_);
  for (const JobSnapshot& job : jobs) update(job.id, jobs_[job.id]);

  std::string out;
  auto label = [](const JobSnapshot& job) { return escape_label_value(job.id); };

  family(out, "cronjob_runs_total", "counter", "Runs this process finished, by job and outcome.");
  for (const JobSnapshot& job : jobs) {
    const JobCounters& counters = jobs_[job.id];
    for (Outcome outcome : kRunOutcomes) {
      auto found = counters.outcomes.find(outcome);
      fmt::format_to(std::back_inserter(out), "cronjob_runs_total{{cronjob=\"{}\",outcome=\"{}\"}} {}\n", label(job),
                     to_string(outcome), found == counters.outcomes.end() ? 0 : found->second);
    }
  }

  family(out, "cronjob_run_duration_seconds", "histogram", "How long the runs this process finished took.");
  for (const JobSnapshot& job : jobs) {
    const JobCounters& counters = jobs_[job.id];
    for (std::size_t i = 0; i < std::size(kBuckets); ++i)
      fmt::format_to(std::back_inserter(out), "cronjob_run_duration_seconds_bucket{{cronjob=\"{}\",le=\"{}\"}} {}\n",
                     label(job), kBuckets[i], counters.buckets[i]);
    fmt::format_to(std::back_inserter(out),
                   "cronjob_run_duration_seconds_bucket{{cronjob=\"{0}\",le=\"+Inf\"}} {1}\n"
                   "cronjob_run_duration_seconds_sum{{cronjob=\"{0}\"}} {2}\n"
                   "cronjob_run_duration_seconds_count{{cronjob=\"{0}\"}} {1}\n",
                   label(job), counters.duration_count, counters.duration_sum);
  }

  family(out, "cronjob_last_success_timestamp_seconds", "gauge",
         "When the job last finished successfully (any replica), in seconds since the epoch.");
  for (const JobSnapshot& job : jobs)
    if (const auto& last = jobs_[job.id].last_success)
      fmt::format_to(std::back_inserter(out), "cronjob_last_success_timestamp_seconds{{cronjob=\"{}\"}} {}\n",
                     label(job), seconds_since_epoch(*last));

  family(out, "cronjob_next_run_timestamp_seconds", "gauge",
         "When the job runs next, in seconds since the epoch (absent while the scheduler is disabled).");
  for (const JobSnapshot& job : jobs)
    if (job.next_run)
      fmt::format_to(std::back_inserter(out), "cronjob_next_run_timestamp_seconds{{cronjob=\"{}\"}} {}\n", label(job),
                     job.next_run->time_since_epoch().count());

  family(out, "cronjob_interval_seconds", "gauge",
         "Seconds from the next run to the one after it: the scale of the alerting rules' \"two intervals\" "
         "(absent while the scheduler is disabled).");
  for (const JobSnapshot& job : jobs) {
    auto schedule = Schedule::parse(job.schedule);
    if (job.next_run && schedule)
      fmt::format_to(std::back_inserter(out), "cronjob_interval_seconds{{cronjob=\"{}\"}} {}\n", label(job),
                     (schedule.value().next(*job.next_run) - *job.next_run).count());
  }

  family(out, "cronjob_running", "gauge", "1 while a run of the job is in progress or waits for a retry.");
  for (const JobSnapshot& job : jobs)
    fmt::format_to(std::back_inserter(out), "cronjob_running{{cronjob=\"{}\"}} {}\n", label(job), job.running ? 1 : 0);

  family(out, "cronjob_stuck", "gauge",
         fmt::format("Runs of the job still going {} s after stop was requested: the endpoint ignores its stop token.",
                     kStuckAfter.count()));
  for (const JobSnapshot& job : jobs)
    fmt::format_to(std::back_inserter(out), "cronjob_stuck{{cronjob=\"{}\"}} {}\n", label(job), job.stuck);

  family(out, "cronjob_state", "gauge",
         "1 for the job's state (new, up, failing, late or paused), 0 for the others.");
  TimePoint now = clock_->now();
  for (const JobSnapshot& job : jobs) {
    Health health = health_of_job(runtime_, job, jobs_[job.id].last_finished, now);
    for (Health state : kHealthStates)
      fmt::format_to(std::back_inserter(out), "cronjob_state{{cronjob=\"{}\",state=\"{}\"}} {}\n", label(job),
                     to_string(state), state == health ? 1 : 0);
  }

  family(out, "cronjob_skipped_total", "counter",
         "Ticks this process did not run: overlap (the previous run was still going) or missed (the process was "
         "down or the clock jumped).");
  for (const JobSnapshot& job : jobs) {
    const JobCounters& counters = jobs_[job.id];
    auto count_of = [&](Outcome outcome) {
      auto found = counters.outcomes.find(outcome);
      return found == counters.outcomes.end() ? std::uint64_t{0} : found->second;
    };
    fmt::format_to(std::back_inserter(out), "cronjob_skipped_total{{cronjob=\"{0}\",reason=\"overlap\"}} {1}\n"
                   "cronjob_skipped_total{{cronjob=\"{0}\",reason=\"missed\"}} {2}\n",
                   label(job), count_of(Outcome::skipped), count_of(Outcome::missed));
  }
  return out;
}

}  // namespace cron::dashboard

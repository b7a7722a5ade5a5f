#include <cron/platform_tick.hpp>
#include <cron/run_job.hpp>

#include <cstdlib>
#include <iostream>
#include <string_view>

namespace cron {

namespace {

/// The scheduled time as a platform hands it over: ISO-8601 UTC, or seconds since the epoch.
bool parse_scheduled_time(std::string_view text, std::chrono::sys_seconds& time) {
  if (parse_utc(text, time)) return true;
  if (text.empty() || text.size() > 12) return false;
  std::int64_t seconds = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    seconds = seconds * 10 + (c - '0');
  }
  time = std::chrono::sys_seconds(std::chrono::seconds(seconds));
  return true;
}

/// The tick a process started at `now` without a given time belongs to: the job's latest fire time within its
/// jitter (plus a minute for a slow start) before `now`. A jitter is shorter than the gap between fire times, so
/// there is at most one; without one (a run started by hand), `now` rounded down to the minute.
std::chrono::sys_seconds latest_tick(const JobDefinition& job, std::chrono::sys_seconds now) {
  std::chrono::sys_seconds tick = std::chrono::floor<std::chrono::minutes>(now);
  for (auto fire = job.schedule.next(now - job.jitter - std::chrono::minutes(1) - std::chrono::seconds(1));
       fire <= now; fire = job.schedule.next(fire))
    tick = fire;
  return tick;
}

}  // namespace

std::optional<int> run_job_from_args(int argc, const char* const* argv, Options& options,
                                     std::span<const JobDefinition> jobs) {
  std::optional<std::string_view> id;
  std::optional<std::string_view> scheduled_text;
  for (int i = 1; i < argc; ++i) {
    std::string_view argument = argv[i];
    auto value = [&](std::string_view flag) -> std::optional<std::string_view> {
      if (argument.starts_with(std::string(flag) + "=")) return argument.substr(flag.size() + 1);
      if (argument == flag && i + 1 < argc) return std::string_view(argv[++i]);
      return std::nullopt;
    };
    if (auto job = value("--cron-run-job")) id = job;
    if (auto time = value("--cron-scheduled-time")) scheduled_text = time;
  }
  if (!id) return std::nullopt;

  std::chrono::sys_seconds scheduled;
  if (scheduled_text && !parse_scheduled_time(*scheduled_text, scheduled)) {
    std::cerr << "cron: --cron-scheduled-time '" << *scheduled_text
              << "' is not a UTC time like 2026-03-01T10:00:00Z or seconds since the epoch\n";
    return 2;
  }
  // Without a time on the command line: the exact tick from the Kubernetes Job's name, else the job's latest fire
  // time before the start (a systemd timer starts the service within AccuracySec=1s of the tick plus its jitter).
  const char* job_name = std::getenv(std::string(kJobNameVariable).c_str());
  std::optional<std::chrono::sys_seconds> named_tick = job_name ? tick_from_job_name(job_name) : std::nullopt;
  if (!scheduled_text && named_tick) {
    scheduled = *named_tick;
  } else if (!scheduled_text) {
    if (job_name != nullptr && *job_name != '\0')
      std::cerr << "cron: " << kJobNameVariable << " '" << job_name
                << "' does not end in -MINUTES; using the start time\n";
    auto now = std::chrono::floor<std::chrono::seconds>(options.clock ? options.clock->now()
                                                                        : std::chrono::system_clock::now());
    const JobDefinition* job = nullptr;
    for (const JobDefinition& candidate : jobs)
      if (candidate.id == *id) job = &candidate;
    scheduled = job ? latest_tick(*job, now) : std::chrono::floor<std::chrono::minutes>(now);
  }
  std::optional<Execution> execution;
  try {
    Runtime runtime(std::move(options), jobs);
    execution = runtime.run_tick(*id, scheduled);
  } catch (const SetupError& error) {
    std::cerr << "cron: " << error.what() << "\n";
    return 2;
  }
  if (!execution) {
    std::cerr << "cron: no job '" << *id << "'; the jobs are:";
    for (const JobDefinition& job : jobs) std::cerr << " " << job.id;
    std::cerr << "\n";
    return 2;
  }
  std::cerr << "cron: " << execution->key << " " << to_string(execution->outcome)
            << (execution->message.empty() ? "" : ": " + execution->message) << "\n";
  // A tick another process claimed (a duplicate Job, another replica) is handled there: not this run's failure.
  bool handled = execution->outcome == Outcome::succeeded || execution->outcome == Outcome::skipped;
  return handled ? 0 : 1;
}

}  // namespace cron

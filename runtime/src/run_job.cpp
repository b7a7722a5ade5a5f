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
  if (!scheduled_text) {
    auto now = options.clock ? options.clock->now() : std::chrono::system_clock::now();
    scheduled = std::chrono::floor<std::chrono::minutes>(now);
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

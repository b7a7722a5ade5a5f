#include <cron/log.hpp>

#include <array>
#include <cstdio>

namespace cron {

namespace {
constexpr std::array<std::string_view, 13> kKindNames = {
    "started",     "finished",        "retrying",   "skipped",    "missed",     "interrupted",
    "store_error", "store_recovered", "lease_lost", "taken_over", "unrecorded", "stop_requested",
    "stuck"};
}

std::string_view to_string(LogEvent::Kind kind) { return kKindNames[static_cast<std::size_t>(kind)]; }

std::string format_log_line(const LogEvent& event) {
  using Kind = LogEvent::Kind;
  std::string line = "cron: ";
  if (!event.key.empty()) {
    line += event.key;
    line += ' ';
  } else if (!event.job_id.empty()) {
    line += event.job_id;
    line += ' ';
  }
  std::string attempt = "attempt " + std::to_string(event.attempt);
  std::string ms = std::to_string(event.duration.count()) + " ms";
  switch (event.kind) {
    case Kind::started:
      line += attempt + " started";
      break;
    case Kind::finished:
      line += attempt + " " + std::string(to_string(event.outcome)) + " in " + ms;
      break;
    case Kind::retrying:
      line += "retrying as " + attempt + " in " + ms;
      break;
    case Kind::skipped:
      line += "skipped";
      break;
    case Kind::missed:
      line += "missed";
      break;
    case Kind::interrupted:
      line += "interrupted";
      break;
    case Kind::store_error:
      line += "store error";
      break;
    case Kind::store_recovered:
      line += "the store answers again";
      break;
    case Kind::lease_lost:
      line += "lease lost";
      break;
    case Kind::taken_over:
      line += attempt + " taken over";
      break;
    case Kind::stop_requested:
      line += "stop requested (" + std::string(to_string(event.outcome)) +
              "); it counts as running until the endpoint returns";
      break;
    case Kind::stuck:
      line += "stuck: still running " + ms + " after stop was requested (" + std::string(to_string(event.outcome)) +
              "); the endpoint ignores its stop token and is recorded when it returns";
      break;
    case Kind::unrecorded:
      line += "not recorded: the store did not take it before the process stopped";
      break;
  }
  if (!event.message.empty()) {
    line += ": ";
    line += event.message;
  }
  return line;
}

void log_to_stderr(const LogEvent& event) {
  std::string line = format_log_line(event);
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace cron

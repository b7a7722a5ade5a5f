#include "cli/schedule_commands.hpp"

#include "export/manifest_reader.hpp"

#include <cron/schedule.hpp>

#include <algorithm>
#include <ostream>
#include <string>

namespace cronc {

namespace {

/// Parses the query's expression, or explains on `err` why not: the expression, a caret line, the reason.
std::optional<cron::Schedule> parse_or_explain(std::string_view expression, std::ostream& err) {
  auto schedule = cron::Schedule::parse(expression);
  if (schedule) return schedule.value();
  const cron::ParseError& error = schedule.error();
  // Errors of the `every ` and `schedule:` forms index the text after the prefix.
  std::size_t prefix = 0;
  for (std::string_view tag : {"every ", "schedule:"})
    if (expression.starts_with(tag)) prefix = tag.size();
  std::string_view body = expression.substr(prefix);
  std::size_t begin = prefix + std::min<std::size_t>(error.begin, body.size());
  std::size_t width = std::max<std::size_t>(1, std::min<std::size_t>(error.end, body.size()) - error.begin);
  err << "cronc: error: " << cron::error_message(error, body) << "\n"
      << "  " << expression << "\n"
      << "  " << std::string(begin, ' ') << '^' << std::string(width - 1, '~') << "\n";
  if (error.kind == cron::ErrorKind::every_not_divisor) {
    auto nearest = cron::nearest_valid_intervals(error.value);
    err << "cronc: note: the nearest valid intervals are \"" << cron::format_interval(nearest.below) << "\" and \""
        << cron::format_interval(nearest.above) << "\"\n";
  }
  return std::nullopt;
}

void print_times(const cron::Schedule& schedule, const ScheduleQuery& query, std::string_view indent,
                 std::ostream& out) {
  auto time = query.from;
  for (int i = 0; i < query.count; ++i) {
    time = schedule.next(time);
    out << indent << cron::format_utc(time) << "\n";
  }
}

}  // namespace

int print_next_fire_times(const ScheduleQuery& query, std::ostream& out, std::ostream& err) {
  auto schedule = parse_or_explain(query.expression, err);
  if (!schedule) return 1;
  print_times(*schedule, query, "", out);
  return 0;
}

int print_manifest_fire_times(const std::string& manifest, const ScheduleQuery& query, std::ostream& out,
                              std::ostream& err) {
  std::vector<ManifestJob> jobs;
  std::string error;
  if (!read_manifest(manifest, jobs, error)) {
    err << "cronc: error: " << error << "\n";
    return 2;
  }
  for (const ManifestJob& job : jobs) {
    out << job.id << ": " << job.schedule.describe() << "\n";
    print_times(job.schedule, query, "  ", out);
  }
  return 0;
}

int print_explanation(const ScheduleQuery& query, std::ostream& out, std::ostream& err) {
  auto schedule = parse_or_explain(query.expression, err);
  if (!schedule) return 1;
  out << schedule->describe() << "\n" << "next fire times after " << cron::format_utc(query.from) << ":\n";
  print_times(*schedule, query, "  ", out);
  return 0;
}

}  // namespace cronc

#include "cli/schedule_commands.hpp"

#include "export/manifest_reader.hpp"

#include <cron/schedule.hpp>
#include <cron/tz_database.hpp>
#include <cron/zoned_schedule.hpp>

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

/// The query's expression read in its zone, or the reason on `err`: a bad expression, an interval (which runs
/// from 00:00 UTC), or a zone the database does not have (with the nearest names).
std::optional<cron::ZonedSchedule> zoned_or_explain(const ScheduleQuery& query, std::ostream& err) {
  auto schedule = parse_or_explain(query.expression, err);
  if (!schedule) return std::nullopt;
  if (schedule->is_every()) {
    err << "cronc: error: --time-zone needs a cron expression; an interval runs from 00:00 UTC\n";
    return std::nullopt;
  }
  auto zone = cron::tz::load_zone(query.time_zone);
  if (zone == nullptr) {
    err << "cronc: error: unknown time zone '" << query.time_zone << "': not in the system's tz database\n";
    auto nearest = cron::tz::nearest_zone_names(query.time_zone, 3);
    if (!nearest.empty()) {
      err << "cronc: note: the nearest names are";
      for (std::size_t i = 0; i < nearest.size(); ++i) err << (i == 0 ? " " : ", ") << '"' << nearest[i] << '"';
      err << "\n";
    }
    return std::nullopt;
  }
  std::string_view text = query.expression.starts_with("schedule:") ? query.expression.substr(9) : query.expression;
  return cron::ZonedSchedule::cron(text, std::move(zone)).value();
}

std::string local_time(const cron::ZonedSchedule& schedule, std::chrono::sys_seconds instant) {
  return cron::format_local(instant, schedule.zone().offset_at(instant));
}

void print_local_times(const cron::ZonedSchedule& schedule, const ScheduleQuery& query, std::string_view indent,
                       std::ostream& out) {
  auto time = query.from;
  for (int i = 0; i < query.count; ++i) {
    time = schedule.next(time);
    out << indent << local_time(schedule, time) << "\n";
  }
}

/// The zone's next clock change after the query's start and every fire time on that local day.
void print_next_change_day(const cron::ZonedSchedule& schedule, const ScheduleQuery& query, std::ostream& out) {
  using namespace std::chrono;
  const cron::ZoneRules& zone = schedule.zone();
  auto change = zone.next_transition(query.from);
  if (!change) {
    out << zone.name() << " has no clock change ahead\n";
    return;
  }
  seconds before = zone.offset_at(change->at - seconds{1});
  auto local_day = [&](sys_seconds instant) { return floor<days>(instant + zone.offset_at(instant)); };
  sys_days day = local_day(change->at);
  std::string date = cron::format_utc(day).substr(0, 10);
  std::string from = cron::format_local(change->at, before).substr(11, 5);
  std::string to = cron::format_local(change->at, change->offset).substr(11, 5);
  out << "next clock change: " << date << ", " << from << " becomes " << to << " ("
      << cron::format_local(change->at, before).substr(19) << " to "
      << cron::format_local(change->at, change->offset).substr(19) << "); fire times that day:\n";
  constexpr int kMostShown = 100;
  int shown = 0;
  for (sys_seconds time = schedule.next(change->at - days{2}); local_day(time) <= day; time = schedule.next(time)) {
    if (local_day(time) < day) continue;
    if (shown++ == kMostShown) {
      out << "  ...\n";
      break;
    }
    out << "  " << local_time(schedule, time) << "\n";
  }
  if (shown == 0) out << "  (none)\n";
}

}  // namespace

int print_next_fire_times(const ScheduleQuery& query, std::ostream& out, std::ostream& err) {
  if (!query.time_zone.empty()) {
    auto zoned = zoned_or_explain(query, err);
    if (!zoned) return 1;
    print_local_times(*zoned, query, "", out);
    return 0;
  }
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
  if (!query.time_zone.empty()) {
    auto zoned = zoned_or_explain(query, err);
    if (!zoned) return 1;
    out << zoned->describe() << "\n"
        << "time zone: " << zoned->zone().name() << ", "
        << (zoned->rule() == cron::ClockChangeRule::every_instant
                ? "every real instant whose local time matches (both passes of a repeated hour; none in a gap)"
                : "once per local time (a repeated time at its first pass, a skipped one at the gap's end)")
        << "\n"
        << "next fire times after " << cron::format_utc(query.from) << ":\n";
    print_local_times(*zoned, query, "  ", out);
    print_next_change_day(*zoned, query, out);
    return 0;
  }
  auto schedule = parse_or_explain(query.expression, err);
  if (!schedule) return 1;
  out << schedule->describe() << "\n" << "next fire times after " << cron::format_utc(query.from) << ":\n";
  print_times(*schedule, query, "  ", out);
  return 0;
}

}  // namespace cronc

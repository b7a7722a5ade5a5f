#pragma once
/// `cronc next` and `cronc explain`: what a schedule means and when it fires, for people at a terminal.

#include <chrono>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace cronc {

struct ScheduleQuery {
  std::string_view expression;  ///< a cron expression, `every 2h`, `every:120` or `schedule:EXPR`
  int count = 5;
  std::chrono::sys_seconds from;
  std::string_view time_zone;   ///< an IANA zone to read a cron expression in; empty: UTC
};

/// Prints the next `count` fire times, one ISO-8601 time a line: UTC with `Z`, or in the query's zone with its
/// offset (`2027-03-28T03:00:00+02:00`). Returns the exit status (0, or 1 for a bad
/// expression, which is explained on `err` with a caret under the offending character).
int print_next_fire_times(const ScheduleQuery& query, std::ostream& out, std::ostream& err);

/// Prints, for each job of a manifest, its ID, its schedule in English and its next `count` fire times (the query's
/// expression is unused). Returns 0, or 2 with a one-line error for a manifest that cannot be read.
int print_manifest_fire_times(const std::string& manifest, const ScheduleQuery& query, std::ostream& out,
                              std::ostream& err);

/// Prints the schedule in English, then its next `count` fire times; in a zone, also the zone and the fire times of
/// the day of its next clock change. Same exit status as above.
int print_explanation(const ScheduleQuery& query, std::ostream& out, std::ostream& err);

}  // namespace cronc

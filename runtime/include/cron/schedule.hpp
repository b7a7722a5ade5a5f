#pragma once
/// The schedule engine: what an `every` interval or a cron expression means, when it next fires
/// (UTC), and how a person would say it. Pure: no clock, no threads, no I/O.

#include <cron/cron_expression.hpp>
#include <cron/every.hpp>
#include <cron/fire_gap.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace cron {

/// A validated schedule: either every N minutes from 00:00 UTC, or a five-field cron expression.
class Schedule {
 public:
  /// A cron expression or macro (`"0 4 15 * *"`, `"@daily"`).
  static constexpr Result<Schedule> cron(std::string_view expression) {
    auto fields = parse_cron(expression);
    if (!fields) return fields.error();
    return Schedule(fields.value(), 0);
  }

  /// An `every` duration text (`"2h"`, `"1h30m"`).
  static constexpr Result<Schedule> every(std::string_view duration) {
    auto minutes = parse_every(duration);
    if (!minutes) return minutes.error();
    return Schedule(CronFields{}, minutes.value());
  }

  /// An `every` interval already in minutes (the manifest's `every:120`).
  static constexpr Result<Schedule> every_minutes(std::int64_t minutes) {
    auto checked = every_minutes_from_nanoseconds(minutes * kNanosecondsPerMinute);
    if (!checked) return checked.error();
    return Schedule(CronFields{}, checked.value());
  }

  /// Either form as the CLI and manifest write it: `every:120`, `every 2h`, `schedule:EXPR`, or a bare
  /// cron expression.
  static Result<Schedule> parse(std::string_view text);

  constexpr Schedule() = default;

  constexpr bool is_every() const { return every_minutes_ != 0; }
  /// The interval in minutes; 0 for a cron schedule.
  constexpr int interval_minutes() const { return every_minutes_; }
  /// The cron fields; all zero for an `every` schedule.
  constexpr const CronFields& fields() const { return fields_; }
  /// The shortest gap in minutes between two fire times; 0 when every gap is longer than a day.
  constexpr int shortest_gap_minutes() const {
    return is_every() ? every_minutes_ : cron::shortest_gap_minutes(fields_);
  }

  /// The first fire time strictly after `after` (a time with seconds rounds up to the next minute); for a time
  /// outside the years -32,800 to 2,700,000, `sys_seconds::max()`.
  std::chrono::sys_seconds next(std::chrono::sys_seconds after) const;

  /// English a person would write: "at 04:00 UTC on day 15 of every month".
  std::string describe() const;

  constexpr bool operator==(const Schedule& other) const {
    return fields_ == other.fields_ && every_minutes_ == other.every_minutes_;
  }

 private:
  constexpr Schedule(const CronFields& fields, int every_minutes) : fields_(fields), every_minutes_(every_minutes) {}

  std::chrono::sys_seconds next_cron(std::chrono::sys_seconds after) const;
  /// Every month and every day of month allowed: whether a day matches depends on its weekday alone.
  constexpr bool date_free() const {
    return fields_.months == 0x1ffe && (fields_.days_of_month & detail::days_up_to(31)) == detail::days_up_to(31);
  }

  CronFields fields_{};
  int every_minutes_ = 0;
};

/// Formats a time as ISO-8601 UTC, `2026-03-01T10:00:00Z`.
std::string format_utc(std::chrono::sys_seconds time);

/// Parses `YYYY-MM-DDTHH:MM[:SS][Z]` (or with a space for `T`) as UTC; false on anything else.
bool parse_utc(std::string_view text, std::chrono::sys_seconds& time);

}  // namespace cron

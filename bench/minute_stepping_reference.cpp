#include "minute_stepping_reference.hpp"

#include <cstdint>

namespace cron::reference {

using namespace std::chrono;

namespace {

bool has_bit(std::uint64_t mask, unsigned bit) { return (mask >> bit & 1) != 0; }

}  // namespace

bool matches(const CronFields& fields, sys_seconds time) {
  const sys_days day = floor<days>(time);
  const auto minute_of_day = static_cast<unsigned>(duration_cast<minutes>(time - day).count());
  const year_month_day date{day};
  const bool day_of_month = has_bit(fields.days_of_month, static_cast<unsigned>(date.day()));
  const bool day_of_week = has_bit(fields.days_of_week, weekday{day}.c_encoding());
  // cronie: if either day field starts with '*', both must match; otherwise either one will do.
  const bool day_matches = fields.days_intersect() ? (day_of_month && day_of_week) : (day_of_month || day_of_week);
  return has_bit(fields.minutes, minute_of_day % 60) && has_bit(fields.hours, minute_of_day / 60) &&
         has_bit(fields.months, static_cast<unsigned>(date.month())) && day_matches;
}

sys_seconds next_by_minute_stepping(const CronFields& fields, sys_seconds after, sys_seconds last) {
  for (sys_seconds time = floor<minutes>(after) + minutes{1}; time <= last; time += minutes{1})
    if (matches(fields, time)) return time;
  return sys_seconds::max();
}

}  // namespace cron::reference

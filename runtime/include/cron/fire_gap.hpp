#pragma once
/// The shortest time between two fire times of a cron expression, constexpr so the header's `jitter` check, the
/// analyzer and the runtime agree on it (a jitter must be shorter, or a delayed tick would start after the next).

#include <cron/cron_expression.hpp>

#include <cstdint>

namespace cron {

namespace detail {

/// The distance between the closest two set bits of `mask`; 0 when fewer than two are set.
constexpr int closest_bits(std::uint64_t mask) {
  int closest = 0;
  int previous = -1;
  for (int bit = 0; bit < 64; ++bit) {
    if (!(mask >> bit & 1)) continue;
    if (previous >= 0 && (closest == 0 || bit - previous < closest)) closest = bit - previous;
    previous = bit;
  }
  return closest;
}

constexpr int lowest_bit(std::uint64_t mask) {
  int bit = 0;
  while (bit < 63 && !(mask >> bit & 1)) ++bit;
  return bit;
}

constexpr int highest_bit(std::uint64_t mask) {
  int bit = 63;
  while (bit > 0 && !(mask >> bit & 1)) --bit;
  return bit;
}

/// The days (bits 1 to `length`) the fields match in a month of `length` days whose 1st is weekday `first`.
constexpr std::uint32_t matching_days(const CronFields& fields, int first, int length) {
  std::uint32_t weekdays = 0;
  for (int day = 1; day <= length; ++day)
    if (fields.days_of_week >> ((first + day - 1) % 7) & 1) weekdays |= std::uint32_t{1} << day;
  std::uint32_t days = fields.days_intersect() ? fields.days_of_month & weekdays : fields.days_of_month | weekdays;
  return days & days_up_to(length);
}

/// Whether some two consecutive calendar days both match. Every month starts on every weekday in some year (and
/// February does so in leap and common years), so trying each month, first weekday and length is exact.
constexpr bool matches_two_days_in_a_row(const CronFields& fields) {
  for (int month = 1; month <= 12; ++month) {
    if (!(fields.months >> month & 1)) continue;
    const int next = month % 12 + 1;
    for (int length = month == 2 ? 28 : kMaxDaysInMonth[month]; length <= kMaxDaysInMonth[month]; ++length) {
      for (int first = 0; first < 7; ++first) {
        std::uint32_t days = matching_days(fields, first, length);
        if (days & days >> 1) return true;
        bool last_day = days >> length & 1;
        if (last_day && (fields.months >> next & 1) &&
            (matching_days(fields, (first + length) % 7, kMaxDaysInMonth[next]) & 2))
          return true;
      }
    }
  }
  return false;
}

}  // namespace detail

/// The shortest gap in minutes between two consecutive fire times of `fields` (in the wall time the expression is
/// read in); 0 when every gap is longer than a day.
constexpr int shortest_gap_minutes(const CronFields& fields) {
  int shortest = detail::closest_bits(fields.minutes);
  const int first_minute = detail::lowest_bit(fields.minutes);
  const int last_minute = detail::highest_bit(fields.minutes);
  if (int hours = detail::closest_bits(fields.hours); hours != 0) {
    int across_hours = hours * 60 - (last_minute - first_minute);
    if (shortest == 0 || across_hours < shortest) shortest = across_hours;
  }
  if (detail::matches_two_days_in_a_row(fields)) {
    int first = detail::lowest_bit(fields.hours) * 60 + first_minute;
    int last = detail::highest_bit(fields.hours) * 60 + last_minute;
    int across_days = 24 * 60 - (last - first);
    if (shortest == 0 || across_days < shortest) shortest = across_days;
  }
  return shortest;
}

}  // namespace cron

#include <cron/schedule.hpp>

#include "civil_days.hpp"

#include <bit>
#include <cassert>
#include <cstdio>

namespace cron {

using namespace std::chrono;

namespace {

/// The smallest set bit of `mask` at or above `from`, or -1.
template <class Mask>
int next_bit(Mask mask, int from) {
  if (from >= static_cast<int>(sizeof(Mask) * 8)) return -1;
  Mask rest = static_cast<Mask>(mask >> from);
  return rest == 0 ? -1 : from + std::countr_zero(rest);
}

template <class Mask>
int first_bit(Mask mask) {
  return std::countr_zero(mask);
}

/// Years after which a valid expression must have fired: Feb 29 on a given weekday recurs within 28 years
/// (40 across a skipped century leap year).
constexpr int kSearchYears = 60;

constexpr sys_seconds at(std::int64_t day, int hour, int minute) {
  return sys_seconds{seconds{day * 86400 + hour * 3600 + minute * 60}};
}

std::string_view strip_prefix(std::string_view text, std::string_view prefix, bool& found) {
  found = text.starts_with(prefix);
  return found ? text.substr(prefix.size()) : text;
}

}  // namespace

Result<Schedule> Schedule::parse(std::string_view text) {
  bool tagged = false;
  if (auto rest = strip_prefix(text, "every:", tagged); tagged) {
    std::int64_t minutes = 0;
    for (char c : rest) {
      if (!detail::is_digit(c) || minutes > kMinutesPerDay * 10) {
        return ParseError{ErrorKind::every_syntax, Field::none, Unsupported::none, 0,
                          static_cast<std::uint16_t>(text.size()), 0};
      }
      minutes = minutes * 10 + (c - '0');
    }
    return every_minutes(minutes);
  }
  if (auto rest = strip_prefix(text, "every ", tagged); tagged) return every(rest);
  if (auto rest = strip_prefix(text, "schedule:", tagged); tagged) return cron(rest);
  return cron(text);
}

sys_seconds Schedule::next(sys_seconds after) const {
  if (!is_every()) return next_cron(after);
  auto candidate = floor<minutes>(after) + minutes{1};
  auto day = floor<days>(candidate);
  auto minute_of_day = (candidate - day).count();
  auto ticks = (minute_of_day + every_minutes_ - 1) / every_minutes_;
  return day + minutes{ticks * every_minutes_};
}

sys_seconds Schedule::next_cron(sys_seconds after) const {
  // Plain integer calendar arithmetic on day numbers (days since 1970-01-01): at most one date conversion per
  // call, none when only the weekday decides, and a month found from the one before by adding its length.
  // Seconds since the first day the calendar arithmetic covers, unsigned: a time before it wraps to a huge value,
  // so one comparison checks the range and the divisions need no rounding towards minus infinity.
  const std::uint64_t second = static_cast<std::uint64_t>(after.time_since_epoch().count()) -
                               static_cast<std::uint64_t>(detail::kFirstCivilDay * 86400);
  std::uint64_t shifted_day = second / 86400;
  // The next whole minute; unsigned, so the divisions by 60 need no sign correction.
  unsigned minute_of_day = static_cast<unsigned>(second - shifted_day * 86400) / 60 + 1;
  if (minute_of_day == kMinutesPerDay) {
    ++shifted_day;
    minute_of_day = 0;
  }
  if (shifted_day > static_cast<std::uint64_t>(detail::kLastCivilDay - detail::kFirstCivilDay))
    return sys_seconds::max();
  const std::int64_t day = static_cast<std::int64_t>(shifted_day) + detail::kFirstCivilDay;

  // The first matching hour and minute left today, if any; whether today matches is asked only then.
  const int first_hour = first_bit(fields_.hours);
  const int first_minute = first_bit(fields_.minutes);
  const int hour_now = static_cast<int>(minute_of_day / 60);
  int hour = -1;
  int minute = -1;
  if (fields_.hours >> hour_now & 1) minute = next_bit(fields_.minutes, static_cast<int>(minute_of_day % 60));
  if (minute >= 0) {
    hour = hour_now;
  } else {
    hour = next_bit(fields_.hours, hour_now + 1);
    minute = first_minute;
  }
  const bool later_today = hour >= 0;
  const bool every_weekday = fields_.days_of_week == 0x7f;

  // With every month and day of month allowed (`* * *`, `* * 1-5`), only the weekday decides.
  if (date_free()) {
    if (!fields_.days_intersect() || every_weekday)
      return later_today ? at(day, hour, minute) : at(day + 1, first_hour, first_minute);
    const int weekday = detail::weekday_of(day);
    if (later_today && (fields_.days_of_week >> weekday & 1)) return at(day, hour, minute);
    const unsigned two_weeks = unsigned{fields_.days_of_week} | unsigned{fields_.days_of_week} << 7;
    return at(day + next_bit(two_weeks, weekday + 1) - weekday, first_hour, first_minute);
  }

  const detail::CivilDate date = detail::civil_from_days(day);
  int year = date.year;
  bool leap = detail::is_leap(year);
  // Later months are found from the day number of 1 January by adding month and year lengths.
  std::int64_t year_start = day - (date.day - 1) - detail::days_before_month(date.month, leap);
  int month = date.month;
  // Today is a candidate only with an hour left; otherwise the search starts tomorrow.
  int day_of_month = later_today ? date.day : date.day + 1;
  for (int years_left = kSearchYears; years_left >= 0;) {
    const int matching_month = next_bit(fields_.months, month);  // -1 once past December
    if (matching_month < 0) {
      year_start += 365 + leap;
      leap = detail::is_leap(++year);
      month = first_bit(fields_.months);
      day_of_month = 1;
      --years_left;
      continue;
    }
    if (matching_month != month) {
      month = matching_month;
      day_of_month = 1;
    }
    const std::int64_t first_day = year_start + detail::days_before_month(month, leap);
    const std::uint32_t existing = detail::days_up_to(detail::month_length(month, leap));
    const std::uint32_t by_month_day = fields_.days_of_month & existing;
    const std::uint32_t by_weekday =
        every_weekday ? existing : detail::weekday_days(fields_.days_of_week, detail::weekday_of(first_day)) & existing;
    const std::uint32_t matching_days =
        fields_.days_intersect() ? (by_month_day & by_weekday) : (by_month_day | by_weekday);
    const int matching_day = next_bit(matching_days, day_of_month);
    if (matching_day >= 0) {
      const std::int64_t fire_day = first_day + matching_day - 1;
      return fire_day == day ? at(day, hour, minute) : at(fire_day, first_hour, first_minute);
    }
    ++month;
    day_of_month = 1;
  }
  assert(false && "parse_cron rejects expressions that never fire");
  return sys_seconds::max();
}

std::string format_utc(sys_seconds time) {
  auto day = floor<days>(time);
  year_month_day date{day};
  hh_mm_ss clock{time - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return text;
}

bool parse_utc(std::string_view text, sys_seconds& time) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  std::size_t pos = 0;
  auto number = [&](int digits, int& out) {
    if (pos + static_cast<std::size_t>(digits) > text.size()) return false;
    out = 0;
    for (int i = 0; i < digits; ++i) {
      char c = text[pos++];
      if (!detail::is_digit(c)) return false;
      out = out * 10 + (c - '0');
    }
    return true;
  };
  auto literal = [&](char c) { return pos < text.size() && text[pos++] == c; };
  if (!number(4, year) || !literal('-') || !number(2, month) || !literal('-') || !number(2, day)) return false;
  if (pos < text.size()) {
    if (text[pos] != 'T' && text[pos] != ' ') return false;
    ++pos;
    if (!number(2, hour) || !literal(':') || !number(2, minute)) return false;
    if (pos < text.size() && text[pos] == ':' && (++pos, !number(2, second))) return false;
    if (pos < text.size() && text[pos] == 'Z') ++pos;
  }
  if (pos != text.size() || hour > 23 || minute > 59 || second > 59) return false;
  year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                      std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return false;
  time = sys_days{date} + hours{hour} + minutes{minute} + seconds{second};
  return true;
}

}  // namespace cron

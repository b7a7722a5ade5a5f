#include <cron/schedule.hpp>

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
  auto candidate = floor<minutes>(after) + minutes{1};
  sys_days day = floor<days>(candidate);
  auto minute_of_day = static_cast<int>((candidate - day).count());
  year_month_day date{day};
  int year = static_cast<int>(date.year());
  int month = static_cast<int>(static_cast<unsigned>(date.month()));
  int day_of_month = static_cast<int>(static_cast<unsigned>(date.day()));
  int hour = minute_of_day / 60;
  int minute = minute_of_day % 60;
  const int last_year = year + kSearchYears;

  while (year <= last_year) {
    int matching_month = next_bit(fields_.months, month);
    if (matching_month < 0) {
      ++year;
      month = first_bit(fields_.months);
      day_of_month = 1;
      hour = minute = 0;
      continue;
    }
    if (matching_month != month) {
      month = matching_month;
      day_of_month = 1;
      hour = minute = 0;
    }

    year_month_day first_of_month{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                  std::chrono::day{1}};
    sys_days first_day{first_of_month};
    int first_weekday = static_cast<int>(weekday{first_day}.c_encoding());
    int length = static_cast<int>(static_cast<unsigned>(
        year_month_day_last{std::chrono::year{year}, month_day_last{std::chrono::month{static_cast<unsigned>(month)}}}
            .day()));
    std::uint32_t existing = detail::days_up_to(length);
    std::uint32_t by_month_day = fields_.days_of_month & existing;
    std::uint32_t by_weekday = weekday_days_[first_weekday] & existing;
    std::uint32_t matching_days = fields_.days_intersect() ? (by_month_day & by_weekday) : (by_month_day | by_weekday);

    int matching_day = next_bit(matching_days, day_of_month);
    if (matching_day < 0) {
      if (++month > 12) {
        month = 1;
        ++year;
      }
      day_of_month = 1;
      hour = minute = 0;
      continue;
    }
    if (matching_day != day_of_month) {
      day_of_month = matching_day;
      hour = minute = 0;
    }

    int matching_hour = next_bit(fields_.hours, hour);
    if (matching_hour < 0) {
      ++day_of_month;
      hour = minute = 0;
      continue;
    }
    if (matching_hour != hour) {
      hour = matching_hour;
      minute = 0;
    }

    int matching_minute = next_bit(fields_.minutes, minute);
    if (matching_minute < 0) {
      ++hour;
      minute = 0;
      if (hour == 24) {
        ++day_of_month;
        hour = 0;
      }
      continue;
    }
    return first_day + days{day_of_month - 1} + hours{hour} + minutes{matching_minute};
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

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

constexpr std::int64_t floor_div(std::int64_t value, std::int64_t divisor) {
  std::int64_t quotient = value / divisor;
  return quotient * divisor > value ? quotient - 1 : quotient;
}

struct CivilDate {
  int year;
  int month;  ///< 1-12
  int day;    ///< 1-31
};

// Howard Hinnant's civil_from_days and days_from_civil (the algorithms behind std::chrono's calendar types),
// inline and without the range checks the chrono types add.
constexpr CivilDate civil_from_days(std::int64_t day) {
  day += 719468;
  const std::int64_t era = (day >= 0 ? day : day - 146096) / 146097;
  const auto day_of_era = static_cast<unsigned>(day - era * 146097);
  const unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned shifted_month = (5 * day_of_year + 2) / 153;  // March is 0
  const auto day_of_month = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  const auto month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  return {static_cast<int>(static_cast<std::int64_t>(year_of_era) + era * 400) + (month <= 2), month, day_of_month};
}

constexpr std::int64_t days_from_civil(int year, int month, int day) {
  year -= month <= 2;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);
  const auto day_of_year = static_cast<unsigned>((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1);
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

/// 0 = Sunday; 1970-01-01 was a Thursday.
constexpr int weekday_of(std::int64_t day) { return static_cast<int>(day >= -4 ? (day + 4) % 7 : (day + 5) % 7 + 6); }

constexpr int month_length(int year, int month) {
  if (month == 2) return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
  return 30 + ((month + (month >> 3)) & 1);
}

constexpr sys_seconds at(std::int64_t day, int hour, int minute) {
  return sys_seconds{seconds{day * 86400 + hour * 3600 + minute * 60}};
}

static_assert(civil_from_days(0).year == 1970 && civil_from_days(-1).month == 12 && civil_from_days(59).day == 1);
static_assert(days_from_civil(2000, 3, 1) == 11017 && weekday_of(0) == 4 && weekday_of(-1) == 3);
static_assert(month_length(2100, 2) == 28 && month_length(2000, 2) == 29 && month_length(8, 8) == 31);

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
  // Plain integer calendar arithmetic on day numbers (days since 1970-01-01): one date conversion per call, and
  // none at all for the common answer later the same day.
  const std::int64_t minute_number = floor_div(after.time_since_epoch().count(), 60) + 1;
  std::int64_t day = floor_div(minute_number, kMinutesPerDay);
  const int minute_of_day = static_cast<int>(minute_number - day * kMinutesPerDay);
  // With every month and day of month allowed (`* * *`, `* * 1-5`), only the weekday decides, and it needs no
  // calendar: 1970-01-01 was a Thursday.
  const bool weekday_decides = date_free();
  const int weekday = weekday_of(day);
  CivilDate date{};
  bool today_matches = false;
  if (weekday_decides) {
    today_matches = !fields_.days_intersect() || (fields_.days_of_week >> weekday & 1);
  } else {
    date = civil_from_days(day);
    today_matches = (fields_.months >> date.month & 1) && day_matches(date.day, weekday);
  }
  if (today_matches) {
    const int hour = minute_of_day / 60;
    if (fields_.hours >> hour & 1) {
      int minute = next_bit(fields_.minutes, minute_of_day % 60);
      if (minute >= 0) return at(day, hour, minute);
    }
    int later_hour = next_bit(fields_.hours, hour + 1);
    if (later_hour >= 0) return at(day, later_hour, first_bit(fields_.minutes));
  }

  // The first matching day after today fires at the first hour and minute.
  const int hour = first_bit(fields_.hours);
  const int minute = first_bit(fields_.minutes);
  if (weekday_decides) {
    if (!fields_.days_intersect()) return at(day + 1, hour, minute);
    const unsigned two_weeks = unsigned{fields_.days_of_week} | unsigned{fields_.days_of_week} << 7;
    return at(day + next_bit(two_weeks, weekday + 1) - weekday, hour, minute);
  }
  int year = date.year;
  int month = date.month;
  int day_of_month = date.day + 1;
  // The day number of the 1st of `month`, carried from month to month; recomputed only after a jump.
  std::int64_t first_day = day - (date.day - 1);
  const int last_year = year + kSearchYears;
  while (year <= last_year) {
    int matching_month = next_bit(fields_.months, month);
    if (matching_month < 0) {
      ++year;
      month = first_bit(fields_.months);
      day_of_month = 1;
      first_day = days_from_civil(year, month, 1);
      continue;
    }
    if (matching_month != month) {
      month = matching_month;
      day_of_month = 1;
      first_day = days_from_civil(year, month, 1);
    }
    const int length = month_length(year, month);
    const std::uint32_t existing = detail::days_up_to(length);
    const std::uint32_t by_month_day = fields_.days_of_month & existing;
    const std::uint32_t by_weekday = detail::weekday_days(fields_.days_of_week, weekday_of(first_day)) & existing;
    const std::uint32_t matching_days =
        fields_.days_intersect() ? (by_month_day & by_weekday) : (by_month_day | by_weekday);
    int matching_day = next_bit(matching_days, day_of_month);
    if (matching_day >= 0) return at(first_day + matching_day - 1, hour, minute);
    first_day += length;
    if (++month > 12) {
      month = 1;
      ++year;
    }
    day_of_month = 1;
  }
  assert(false && "parse_cron rejects expressions that never fire");
  return sys_seconds::max();
}

bool Schedule::date_free() const {
  return fields_.months == 0x1ffe && (fields_.days_of_month & detail::days_up_to(31)) == detail::days_up_to(31);
}

bool Schedule::day_matches(int day_of_month, int weekday) const {
  bool by_month_day = fields_.days_of_month >> day_of_month & 1;
  bool by_weekday = fields_.days_of_week >> weekday & 1;
  return fields_.days_intersect() ? (by_month_day && by_weekday) : (by_month_day || by_weekday);
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

// Schedule::describe(): English a person would write for an interval or a cron expression.

#include <cron/schedule.hpp>

#include <fmt/format.h>

#include <bit>
#include <cstdint>
#include <string>
#include <vector>

namespace cron {

namespace {

constexpr const char* kMonthNames[13] = {"",     "January", "February",  "March",   "April",    "May",     "June",
                                         "July", "August",  "September", "October", "November", "December"};
/// Monday first, the order in which a person lists the days of a week ("Saturday and Sunday").
constexpr const char* kWeekdayNames[7] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

/// The set values of one field, as runs of consecutive values.
struct Values {
  struct Run {
    int first;
    int last;
  };
  std::vector<Run> runs;
  int count = 0;

  Values(std::uint64_t mask, int min, int max) {
    for (int v = min; v <= max; ++v) {
      if (!(mask >> v & 1)) continue;
      ++count;
      if (!runs.empty() && runs.back().last == v - 1)
        runs.back().last = v;
      else
        runs.push_back({v, v});
    }
  }

  bool single() const { return count == 1; }
  int first() const { return runs.front().first; }
  int last() const { return runs.back().last; }
};

bool is_full(std::uint64_t mask, int min, int max) {
  for (int v = min; v <= max; ++v)
    if (!(mask >> v & 1)) return false;
  return true;
}

/// The step of `mask` when it is exactly 0, step, 2*step, ... and the step divides `span` (60 minutes, 24 hours),
/// so that "every N" stays true across the wrap to the next hour or day; 0 otherwise.
int even_step(std::uint64_t mask, int span) {
  if (!(mask & 1) || std::popcount(mask) < 2) return 0;
  int step = std::countr_zero(mask >> 1) + 1;
  if (step < 2 || span % step != 0) return 0;
  std::uint64_t expected = 0;
  for (int v = 0; v < span; v += step) expected |= std::uint64_t{1} << v;
  return expected == mask ? step : 0;
}

/// The step of three or more values `first, first+step, ..., last`; 0 otherwise.
int progression_step(const Values& values, std::uint64_t mask) {
  if (values.count < 3) return 0;
  int step = std::countr_zero(mask >> (values.first() + 1)) + 1;
  std::uint64_t expected = 0;
  for (int v = values.first(); v <= values.last(); v += step) expected |= std::uint64_t{1} << v;
  return expected == mask ? step : 0;
}

/// "a, b and c", with "x through y" for runs of three or more.
template <class Name>
std::string join(const Values& values, Name name, const char* conjunction = "and") {
  std::vector<std::string> parts;
  for (const auto& run : values.runs) {
    if (run.last - run.first >= 2) {
      parts.push_back(fmt::format("{} through {}", name(run.first), name(run.last)));
    } else {
      for (int v = run.first; v <= run.last; ++v) parts.push_back(name(v));
    }
  }
  std::string text;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) text += i + 1 == parts.size() ? fmt::format(" {} ", conjunction) : ", ";
    text += parts[i];
  }
  return text;
}

/// "a, b and c" of every value, without ranges.
std::string join_each(const std::vector<std::string>& parts) {
  std::string text;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) text += i + 1 == parts.size() ? " and " : ", ";
    text += parts[i];
  }
  return text;
}

std::string number(int v) { return std::to_string(v); }
std::string clock(int hour, int minute) { return fmt::format("{:02}:{:02}", hour, minute); }
std::string plural(int n, const char* unit) { return n == 1 ? fmt::format("{}", unit) : fmt::format("{} {}s", n, unit); }
std::string ordinal(int n) { return fmt::format("{}{}", n, n == 2 ? "nd" : n == 3 ? "rd" : "th"); }

std::string describe_interval(int minutes) {
  if (minutes == kMinutesPerDay) return "every day at 00:00 UTC";
  if (minutes % 60 == 0) {
    std::string text = "every " + plural(minutes / 60, "hour");
    return minutes == 60 ? text : text + ", starting at 00:00 UTC";
  }
  std::string text = "every " + plural(minutes, "minute");
  return 60 % minutes == 0 ? text : text + ", starting at 00:00 UTC";
}

/// The time-of-day half of a description. `repeats` says that it already recurs within each day ("every
/// 15 minutes"), so an unrestricted day reads as nothing rather than " every day".
struct TimeOfDay {
  std::string text;
  bool repeats;
};

/// Every time of day of the cross product, "at 09:00 and 17:00 UTC".
std::string list_times(const Values& hours, const Values& minutes) {
  std::vector<std::string> times;
  for (const auto& hour_run : hours.runs)
    for (int h = hour_run.first; h <= hour_run.last; ++h)
      for (const auto& minute_run : minutes.runs)
        for (int m = minute_run.first; m <= minute_run.last; ++m) times.push_back(clock(h, m));
  return "at " + join_each(times) + " UTC";
}

/// The starts of the given hours, "09:00, 12:00 and 17:00".
std::string hour_starts(const Values& hours) {
  std::vector<std::string> starts;
  for (const auto& run : hours.runs)
    for (int h = run.first; h <= run.last; ++h) starts.push_back(clock(h, 0));
  return join_each(starts);
}

TimeOfDay describe_time(const CronFields& f) {
  const std::uint64_t minute_mask = f.minutes;
  const std::uint64_t hour_mask = f.hours;
  Values minutes(minute_mask, 0, 59);
  Values hours(hour_mask, 0, 23);
  bool every_minute = is_full(minute_mask, 0, 59);
  bool every_hour = is_full(hour_mask, 0, 23);
  int minute_step = even_step(minute_mask, 60);
  int hour_step = even_step(hour_mask, 24);

  if (every_minute && every_hour) return {"every minute", true};
  if (minute_step && every_hour) return {fmt::format("every {} minutes", minute_step), true};
  if (minutes.single()) {
    int m = minutes.first();
    if (every_hour)
      return {m == 0 ? "at the start of every hour" : fmt::format("at minute {} of every hour", m), true};
    if (hour_step) return {fmt::format("every {} hours, starting at {} UTC", hour_step, clock(0, m)), true};
    if (hours.count >= 3 && hours.runs.size() == 1)
      return {fmt::format("every hour from {} through {} UTC", clock(hours.first(), m), clock(hours.last(), m)), true};
    if (int step = progression_step(hours, hour_mask); step && hours.count > 6) {
      return {fmt::format("every {} hours from {} through {} UTC", step, clock(hours.first(), m),
                          clock(hours.last(), m)),
              true};
    }
    return {list_times(hours, minutes), false};
  }
  if (minutes.count * hours.count <= 6) return {list_times(hours, minutes), false};

  if (every_minute || minute_step) {
    std::string every = every_minute ? "every minute" : fmt::format("every {} minutes", minute_step);
    if (hour_step)
      return {fmt::format("{} during every {} hour, starting at 00:00 UTC", every, ordinal(hour_step)), true};
    if (hours.runs.size() == 1) {
      return {fmt::format("{} from {} through {} UTC", every, clock(hours.first(), minutes.first()),
                          clock(hours.last(), minutes.last())),
              true};
    }
    return {fmt::format("{} during the hours starting at {} UTC", every, hour_starts(hours)), true};
  }

  std::string at = fmt::format("at minutes {}", join(minutes, number));
  if (every_hour) return {at + " of every hour", true};
  if (hour_step) return {fmt::format("{} of every {} hour, starting at 00:00 UTC", at, ordinal(hour_step)), true};
  if (hours.runs.size() == 1 && !hours.single()) {
    return {fmt::format("{} of every hour from {} through {} UTC", at, clock(hours.first(), 0),
                        clock(hours.last(), 0)),
            true};
  }
  return {fmt::format("{} past {} UTC", at, hour_starts(hours)), true};
}

std::string month_name(int m) { return kMonthNames[m]; }
std::string weekday_name(int d) { return kWeekdayNames[d]; }
std::string weekdays_name(int d) { return std::string(kWeekdayNames[d]) + "s"; }

constexpr std::uint32_t kOddDays = 0xaaaaaaaa;   // 1, 3, ..., 31
constexpr std::uint32_t kEvenDays = 0x55555554;  // 2, 4, ..., 30

/// "on Mondays and Fridays", or "Monday through Friday" when the days include a run of three or more.
std::string describe_weekdays(const Values& weekdays) {
  for (const auto& run : weekdays.runs)
    if (run.last - run.first >= 2) return join(weekdays, weekday_name);
  return "on " + join(weekdays, weekdays_name);
}

std::string describe_days(const CronFields& f, bool time_repeats) {
  // Monday-first weekday bits, so that a weekend or "Friday through Sunday" is one run.
  std::uint64_t monday_first = (f.days_of_week >> 1 & 0x3f) | (std::uint64_t{f.days_of_week} & 1) << 6;
  Values days(f.days_of_month, 1, 31);
  Values weekdays(monday_first, 0, 6);
  Values months(f.months, 1, 12);
  bool all_days = is_full(f.days_of_month, 1, 31);
  bool all_weekdays = is_full(f.days_of_week, 0, 6);
  bool all_months = is_full(f.months, 1, 12);

  std::string day_part = fmt::format("day{} {}", days.single() ? "" : "s", join(days, number));
  if (f.days_of_month == kOddDays) day_part = "odd-numbered days";
  if (f.days_of_month == kEvenDays) day_part = "even-numbered days";
  std::string month_part = all_months ? "every month" : join(months, month_name);
  std::string in_months = all_months ? "" : " in " + month_part;
  std::string weekday_part = describe_weekdays(weekdays);

  // cronie: with both day fields restricted a day matches either; otherwise it must match both.
  bool every_day = f.days_intersect() ? all_days && all_weekdays : all_days || all_weekdays;
  if (every_day) return time_repeats ? in_months : " every day" + in_months;
  if (f.days_intersect() && all_weekdays) {
    if (days.single() && months.single()) return fmt::format(" on {} {}", month_name(months.first()), days.first());
    return fmt::format(" on {} of {}", day_part, month_part);
  }
  if (f.days_intersect() && all_days) return (weekday_part.starts_with("on ") ? " " : ", ") + weekday_part + in_months;
  if (f.days_intersect()) return fmt::format(" on {} of {}, but only {}", day_part, month_part, weekday_part);
  if (all_months) return fmt::format(" on {} of every month and {}", day_part, weekday_part);
  return fmt::format(" on {} and {}{}", day_part, weekday_part, in_months);
}

}  // namespace

std::string Schedule::describe() const {
  if (is_every()) return describe_interval(every_minutes_);
  TimeOfDay time = describe_time(fields_);
  return time.text + describe_days(fields_, time.repeats);
}

}  // namespace cron

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
constexpr const char* kWeekdayNames[7] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

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
};

bool is_full(std::uint64_t mask, int min, int max) {
  for (int v = min; v <= max; ++v)
    if (!(mask >> v & 1)) return false;
  return true;
}

/// The step of `mask` when it is exactly min, min+step, ... up to the field's end; 0 otherwise.
int progression_step(std::uint64_t mask, int min, int max) {
  if (!(mask >> min & 1) || std::popcount(mask) < 2) return 0;
  int step = std::countr_zero(mask >> (min + 1)) + 1;
  std::uint64_t expected = 0;
  for (int v = min; v <= max; v += step) expected |= std::uint64_t{1} << v;
  return expected == mask && step > 1 ? step : 0;
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

std::string number(int v) { return std::to_string(v); }
std::string clock(int hour, int minute) { return fmt::format("{:02}:{:02}", hour, minute); }
std::string plural(int n, const char* unit) { return n == 1 ? fmt::format("{}", unit) : fmt::format("{} {}s", n, unit); }

std::string describe_interval(int minutes) {
  if (minutes == kMinutesPerDay) return "every day at 00:00 UTC";
  if (minutes % 60 == 0) {
    std::string text = "every " + plural(minutes / 60, "hour");
    return minutes == 60 ? text : text + ", starting at 00:00 UTC";
  }
  std::string text = "every " + plural(minutes, "minute");
  return 60 % minutes == 0 ? text : text + ", starting at 00:00 UTC";
}

std::string describe_time(const CronFields& f) {
  const std::uint64_t minute_mask = f.minutes;
  const std::uint64_t hour_mask = f.hours;
  Values minutes(minute_mask, 0, 59);
  Values hours(hour_mask, 0, 23);
  bool every_hour = is_full(hour_mask, 0, 23);
  int minute_step = progression_step(minute_mask, 0, 59);
  int hour_step = progression_step(hour_mask, 0, 23);

  if (is_full(minute_mask, 0, 59) && every_hour) return "every minute";
  if (minute_step && every_hour) return fmt::format("every {} minutes", minute_step);
  if (minutes.single() && every_hour) {
    return minutes.first() == 0 ? "at the start of every hour"
                                : fmt::format("at minute {} of every hour", minutes.first());
  }
  if (minutes.single() && hour_step) {
    return fmt::format("every {} hours, starting at {} UTC", hour_step, clock(0, minutes.first()));
  }
  if (minutes.count * hours.count <= 6) {
    std::vector<std::string> times;
    for (const auto& hour_run : hours.runs)
      for (int h = hour_run.first; h <= hour_run.last; ++h)
        for (const auto& minute_run : minutes.runs)
          for (int m = minute_run.first; m <= minute_run.last; ++m) times.push_back(clock(h, m));
    std::string text = "at ";
    for (std::size_t i = 0; i < times.size(); ++i) {
      if (i > 0) text += i + 1 == times.size() ? " and " : ", ";
      text += times[i];
    }
    return text + " UTC";
  }

  std::string minute_part;
  if (is_full(minute_mask, 0, 59))
    minute_part = "every minute";
  else if (minute_step)
    minute_part = fmt::format("every {} minutes", minute_step);
  else
    minute_part = fmt::format("at minute{} {}", minutes.single() ? "" : "s", join(minutes, number));

  if (every_hour) return minute_part + " of every hour";
  if (hour_step) return fmt::format("{} of every {} hours, starting at 00:00 UTC", minute_part, hour_step);
  if (hours.runs.size() == 1) {
    return fmt::format("{} from {} through {} UTC", minute_part, clock(hours.runs[0].first, 0),
                       clock(hours.runs[0].last, 59));
  }
  return fmt::format("{} past hour{} {} (UTC)", minute_part, hours.single() ? "" : "s", join(hours, number));
}

std::string month_name(int m) { return kMonthNames[m]; }
std::string weekday_name(int d) { return kWeekdayNames[d]; }

std::string describe_days(const CronFields& f) {
  Values days(f.days_of_month, 1, 31);
  Values weekdays(f.days_of_week, 0, 6);
  Values months(f.months, 1, 12);
  bool all_days = is_full(f.days_of_month, 1, 31);
  bool all_weekdays = is_full(f.days_of_week, 0, 6);
  bool all_months = is_full(f.months, 1, 12);

  std::string day_part = fmt::format("day{} {}", days.single() ? "" : "s", join(days, number));
  int day_step = progression_step(f.days_of_month, 1, 31);
  if (day_step) day_part = fmt::format("every {} days starting on day 1", day_step);
  std::string weekday_part = join(weekdays, weekday_name);
  std::string month_part = all_months ? "every month" : join(months, month_name);
  std::string in_months = all_months ? "" : " in " + month_part;

  if (all_days && all_weekdays) return all_months ? " every day" : " every day" + in_months;
  if (all_weekdays) {
    if (day_step) return fmt::format(", {} of {}", day_part, month_part);
    return fmt::format(" on {} of {}", day_part, month_part);
  }
  bool weekday_range = weekdays.runs.size() == 1 && weekdays.count >= 3;
  if (all_days) return (weekday_range ? ", " : " on ") + weekday_part + in_months;
  if (f.days_intersect()) {
    return fmt::format(" on {} of {} if it is a {}", day_part, month_part, join(weekdays, weekday_name, "or"));
  }
  if (all_months) return fmt::format(" on {} of every month and on every {}", day_part, weekday_part);
  return fmt::format(" on {} and on every {}{}", day_part, weekday_part, in_months);
}

}  // namespace

std::string Schedule::describe() const {
  if (is_every()) return describe_interval(every_minutes_);
  return describe_time(fields_) + describe_days(fields_);
}

}  // namespace cron

#include "export/fire_time_cover.hpp"

#include <cron/cron_expression.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string_view>

namespace cronc {

namespace {

constexpr std::uint32_t kAllDaysOfMonth = cron::detail::days_up_to(31);
constexpr std::uint16_t kAllMonths = 0x1ffe;
constexpr std::uint8_t kAllWeekdays = 0x7f;

std::vector<int> values_of(std::uint64_t mask, int low, int high) {
  std::vector<int> values;
  for (int value = low; value <= high; ++value)
    if (mask >> value & 1) values.push_back(value);
  return values;
}

/// How a platform spells a list of field values.
struct Spelling {
  std::string_view range;  ///< between the ends of a range: `-` for cron, `..` for systemd
  bool systemd = false;    ///< systemd writes `a/s` for a step that runs to the end, and pads numbers to 2 digits
};

std::string number(int value, const Spelling& spelling) {
  char text[8];
  std::snprintf(text, sizeof text, spelling.systemd ? "%02d" : "%d", value);
  return text;
}

/// `values` (ascending) as a list of their consecutive runs: `a`, `a,b`, or `a..b` from three values on.
template <class Name>
std::string join_runs(const std::vector<int>& values, std::string_view range, Name name) {
  std::string text;
  for (std::size_t begin = 0; begin < values.size();) {
    std::size_t end = begin + 1;
    while (end < values.size() && values[end] == values[end - 1] + 1) ++end;
    if (!text.empty()) text += ',';
    if (end - begin >= 3) {
      text += name(values[begin]) + std::string(range) + name(values[end - 1]);
    } else {
      for (std::size_t i = begin; i < end; ++i) text += (i == begin ? "" : ",") + name(values[i]);
    }
    begin = end;
  }
  return text;
}

/// `values` (within [low, high], at least one) as one field. `star` allows `*` and cron's `*/s`: a day field must
/// not start with `*` when it restricts, or cronie and robfig/cron would read the day rule differently.
std::string spell(const std::vector<int>& values, int low, int high, bool star, const Spelling& spelling) {
  const auto count = values.size();
  if (star && count == static_cast<std::size_t>(high - low + 1)) return "*";
  if (count == 1) return number(values[0], spelling);
  if (count >= 3) {
    int step = values[1] - values[0];
    bool progression = true;
    for (std::size_t i = 2; i < count && progression; ++i) progression = values[i] - values[i - 1] == step;
    if (progression) {
      const std::string first = number(values.front(), spelling);
      const std::string last = number(values.back(), spelling);
      if (step == 1) return first + std::string(spelling.range) + last;
      const bool to_the_end = values.back() + step > high;
      const std::string by = "/" + std::to_string(step);
      if (spelling.systemd && to_the_end) return first + by;
      if (!spelling.systemd && star && to_the_end && values.front() == low) return "*" + by;
      return first + std::string(spelling.range) + last + by;
    }
  }
  return join_runs(values, spelling.range, [&](int value) { return number(value, spelling); });
}

const Spelling kCron{"-", false};
const Spelling kSystemd{"..", true};

std::string cron_field(std::uint64_t mask, int low, int high, bool star) {
  return spell(values_of(mask, low, high), low, high, star, kCron);
}

std::string calendar_field(std::uint64_t mask, int low, int high) {
  return spell(values_of(mask, low, high), low, high, true, kSystemd);
}

/// systemd's weekday list, Monday first as systemd counts (`Mon..Fri`, `Sat,Sun`).
std::string calendar_weekdays(std::uint8_t weekdays) {
  static constexpr std::string_view kNames[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  std::vector<int> monday_first;  // 0 = Monday ... 6 = Sunday
  for (int day = 0; day < 7; ++day)
    if (weekdays >> ((day + 1) % 7) & 1) monday_first.push_back(day);
  return join_runs(monday_first, "..", [](int day) { return std::string(kNames[day]); });
}

/// Whether some day in `days_of_month` exists in one of `months` (February has a 29th in leap years).
bool day_exists(std::uint32_t days_of_month, std::uint16_t months) {
  for (int month = 1; month <= 12; ++month)
    if ((months >> month & 1) && (days_of_month & cron::detail::days_up_to(cron::detail::kMaxDaysInMonth[month])))
      return true;
  return false;
}

}  // namespace

std::vector<cron::CronFields> cron_cover(const cron::Schedule& schedule) {
  if (!schedule.is_every()) return {schedule.fields()};
  // An hour's firing minutes depend only on (60 * hour) mod N, so two hours either fire at the same minutes or
  // share none: the (hour, minute) fire times split into disjoint complete blocks (hours with one minute set) x
  // (that set). A cron expression is itself such a block, and no expression can take fire times from two blocks
  // (it would also fire at some minute of some hour that does not), so one expression per block is the fewest.
  const int interval = schedule.interval_minutes();
  std::vector<cron::CronFields> cover;
  for (int hour = 0; hour < 24; ++hour) {
    std::uint64_t minutes = 0;
    for (int minute = 0; minute < 60; ++minute)
      if ((hour * 60 + minute) % interval == 0) minutes |= std::uint64_t{1} << minute;
    if (minutes == 0) continue;
    auto same = std::find_if(cover.begin(), cover.end(), [&](const auto& block) { return block.minutes == minutes; });
    if (same == cover.end()) {
      cron::CronFields block;
      block.minutes = minutes;
      block.days_of_month = kAllDaysOfMonth;
      block.months = kAllMonths;
      block.days_of_week = kAllWeekdays;
      block.day_of_month_star = block.day_of_week_star = true;
      same = cover.insert(cover.end(), block);
    }
    same->hours |= std::uint32_t{1} << hour;
  }
  return cover;
}

std::optional<std::string> portable_cron(const cron::CronFields& fields) {
  const std::uint32_t days = fields.days_of_month & kAllDaysOfMonth;
  const std::uint8_t weekdays = fields.days_of_week & kAllWeekdays;
  const bool any_day = days == kAllDaysOfMonth;
  const bool any_weekday = weekdays == kAllWeekdays;
  std::string day_of_month = "*";
  std::string day_of_week = "*";
  if (fields.days_intersect()) {
    if (!any_day && !any_weekday) return std::nullopt;
    if (!any_day) day_of_month = cron_field(days, 1, 31, false);
    if (!any_weekday) day_of_week = cron_field(weekdays, 0, 6, false);
  } else if (!any_day && !any_weekday) {
    // Both restricted: a day matches when either does, in cronie and robfig/cron alike. When one of them is
    // unrestricted, every day matches, which `* *` says.
    day_of_month = cron_field(days, 1, 31, false);
    day_of_week = cron_field(weekdays, 0, 6, false);
  }
  return cron_field(fields.minutes, 0, 59, true) + " " + cron_field(fields.hours, 0, 23, true) + " " + day_of_month +
         " " + cron_field(fields.months, 1, 12, true) + " " + day_of_week;
}

std::vector<std::string> on_calendar_lines(const cron::CronFields& fields) {
  const std::uint32_t days = fields.days_of_month & kAllDaysOfMonth;
  const std::uint8_t weekdays = fields.days_of_week & kAllWeekdays;
  const bool any_day = days == kAllDaysOfMonth;
  const bool any_weekday = weekdays == kAllWeekdays;
  const std::string month = calendar_field(fields.months, 1, 12);
  const std::string time =
      calendar_field(fields.hours, 0, 23) + ":" + calendar_field(fields.minutes, 0, 59) + ":00 UTC";
  // systemd fires on a day whose weekday and date both match, which is cron's rule when a day field starts with `*`.
  auto line = [&](bool restrict_weekday, bool restrict_day) {
    return (restrict_weekday ? calendar_weekdays(weekdays) + " " : std::string()) + "*-" + month + "-" +
           (restrict_day ? calendar_field(days, 1, 31) : "*") + " " + time;
  };
  if (fields.days_intersect()) return {line(!any_weekday, !any_day)};
  if (any_day || any_weekday) return {line(false, false)};
  std::vector<std::string> lines;
  if (day_exists(days, fields.months)) lines.push_back(line(false, true));
  lines.push_back(line(true, false));
  return lines;
}

}  // namespace cronc

// The messages of schedule parse errors: what is wrong, with the value, and how to fix it.

#include <cron/every.hpp>
#include <cron/parse_error.hpp>

#include <fmt/format.h>

namespace cron {

std::string_view field_name(Field field) {
  switch (field) {
    case Field::minute: return "minute";
    case Field::hour: return "hour";
    case Field::day_of_month: return "day-of-month";
    case Field::month: return "month";
    case Field::day_of_week: return "day-of-week";
    case Field::none: break;
  }
  return "expression";
}

std::string_view field_range(Field field) {
  switch (field) {
    case Field::minute: return "0-59";
    case Field::hour: return "0-23";
    case Field::day_of_month: return "1-31";
    case Field::month: return "1-12 or jan-dec";
    case Field::day_of_week: return "0-7 or sun-sat, with 0 and 7 both Sunday";
    case Field::none: break;
  }
  return "";
}

std::string format_interval(int minutes) {
  if (minutes % 60 == 0) return fmt::format("{}h", minutes / 60);
  if (minutes < 60) return fmt::format("{}m", minutes);
  return fmt::format("{}h{}m", minutes / 60, minutes % 60);
}

namespace {

constexpr int kFieldMaxima[] = {0, 59, 23, 31, 12, 7};

std::string unsupported_message(const ParseError& error, std::string_view quoted) {
  switch (error.feature) {
    case Unsupported::seconds_field:
      return "the expression has 6 fields: cronc does not support a seconds field; use the five fields "
             "'minute hour day-of-month month day-of-week'";
    case Unsupported::year_field:
      return "the expression has 7 fields: cronc does not support seconds or year fields; use the five fields "
             "'minute hour day-of-month month day-of-week'";
    case Unsupported::last_day:
      return fmt::format("'{}' uses 'L' (last day), which cronc does not support; list the days instead", quoted);
    case Unsupported::nearest_weekday:
      return fmt::format("'{}' uses 'W' (nearest weekday), which cronc does not support; list the days instead",
                         quoted);
    case Unsupported::nth_weekday:
      return fmt::format("'{}' uses '#' (nth weekday of the month), which cronc does not support", quoted);
    case Unsupported::reboot:
      return "'@reboot' is not supported: cronc runs jobs on a schedule, not when the service starts";
    case Unsupported::every_macro:
      return "'@every' is not supported in a cron expression; use the job's 'every' field instead "
             "(.every = \"2h\")";
    case Unsupported::time_zone:
      return fmt::format("'{}' is not supported in the expression: set the job's time_zone field instead", quoted);
    case Unsupported::none: break;
  }
  return "unsupported cron syntax";
}

}  // namespace

std::string error_message(const ParseError& error, std::string_view text) {
  std::string_view quoted = error.begin <= text.size() && error.end <= text.size() && error.begin <= error.end
                                ? text.substr(error.begin, error.end - error.begin)
                                : text;
  std::string_view field = field_name(error.field);
  switch (error.kind) {
    case ErrorKind::none: return "no error";
    case ErrorKind::empty:
      return "the cron expression is empty; write five fields 'minute hour day-of-month month day-of-week', "
             "such as \"0 4 15 * *\"";
    case ErrorKind::wrong_field_count:
      return fmt::format("the cron expression has {} field{}, expected 5: 'minute hour day-of-month month "
                         "day-of-week'",
                         error.value, error.value == 1 ? "" : "s");
    case ErrorKind::unknown_macro:
      return fmt::format("unknown macro '{}'; use @yearly, @annually, @monthly, @weekly, @daily, @midnight or "
                         "@hourly",
                         quoted);
    case ErrorKind::unexpected_character:
      if (quoted.empty()) return fmt::format("the {} field ends unexpectedly", field);
      if (error.field == Field::none) return fmt::format("unexpected '{}' after the macro", quoted);
      return fmt::format("unexpected character '{}' in the {} field", quoted, field);
    case ErrorKind::value_out_of_range:
      // The text, not error.value: the parser stops accumulating digits past 100000.
      return fmt::format("{} value {} is out of range; use {}", field, quoted, field_range(error.field));
    case ErrorKind::unknown_name:
      if (error.field == Field::month || error.field == Field::day_of_week)
        return fmt::format("unknown {} name '{}'; use {}", field, quoted, field_range(error.field));
      return fmt::format("'{}' is not a number; the {} field takes {}", quoted, field, field_range(error.field));
    case ErrorKind::backwards_range:
      return fmt::format("range '{}' in the {} field goes backwards; write the smaller value first", quoted, field);
    case ErrorKind::bad_step:
      if (error.value < 0)
        return fmt::format("'/' in the {} field must be followed by a step from 1 to {}", field,
                           kFieldMaxima[static_cast<int>(error.field)]);
      return fmt::format("step {} in the {} field is out of range; use a step from 1 to {}", error.value, field,
                         kFieldMaxima[static_cast<int>(error.field)]);
    case ErrorKind::question_mark_field:
      return fmt::format("'?' is not allowed in the {} field, only in day-of-month and day-of-week", field);
    case ErrorKind::unsupported: return unsupported_message(error, quoted);
    case ErrorKind::never_fires:
    {
      // The range covers the day-of-month field through the month field.
      std::size_t dom_end = quoted.find_first_of(" \t");
      std::size_t month_begin = quoted.find_last_of(" \t");
      std::string_view days = quoted.substr(0, dom_end);
      std::string_view months = month_begin == std::string_view::npos ? quoted : quoted.substr(month_begin + 1);
      return fmt::format("the expression never fires: day-of-month '{}' does not occur in month '{}'", days, months);
    }
    case ErrorKind::every_syntax:
      if (quoted.empty())
        return fmt::format("invalid interval '{}'; write hours and minutes such as \"30m\", \"2h\" or \"1h30m\"", text);
      return fmt::format("invalid interval '{}': unexpected '{}'; write hours and minutes such as \"30m\", \"2h\" or "
                         "\"1h30m\"",
                         text, quoted);
    case ErrorKind::every_not_whole_minutes:
      return fmt::format("interval '{}' is not a whole number of minutes", text);
    case ErrorKind::every_too_short: return fmt::format("interval '{}' is shorter than 1 minute", text);
    case ErrorKind::every_too_long: return fmt::format("interval '{}' is longer than 24 hours", text);
    case ErrorKind::every_not_divisor: return fmt::format("interval '{}' does not divide 24 hours evenly", text);
  }
  return "invalid schedule";
}

}  // namespace cron

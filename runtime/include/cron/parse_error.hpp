#pragma once
/// Error values of the schedule parsers: what went wrong, in which field, and at which bytes,
/// so the analyzer can put a caret on the exact character and the CLI can explain it.

#include <cstdint>
#include <string>
#include <string_view>

namespace cron {

/// The five fields of a cron expression; `none` for errors that concern the whole text.
enum class Field : std::uint8_t { none, minute, hour, day_of_month, month, day_of_week };

/// Each kind maps to one analyzer rule: `every_*` kinds to cron-every-syntax/-range/-divisor,
/// `unsupported` to cron-schedule-unsupported, `never_fires` to cron-schedule-never, and the
/// rest to cron-schedule-syntax.
enum class ErrorKind : std::uint8_t {
  none,
  empty,                ///< nothing but whitespace
  wrong_field_count,    ///< not five fields (six or seven are `unsupported`: seconds/year)
  unknown_macro,        ///< `@foo`
  unexpected_character, ///< a character that starts no number, name, `*`, `?`
  value_out_of_range,   ///< a number outside the field's range
  unknown_name,         ///< a word that is not a month or weekday name allowed in this field
  backwards_range,      ///< `a-b` with a > b
  bad_step,             ///< step 0, above the field's maximum, or not a number
  question_mark_field,  ///< `?` outside day of month and day of week
  unsupported,          ///< a valid extension of other crons that cronc does not run
  never_fires,          ///< parses, but no date matches (`0 0 30 2 *`)
  every_syntax,         ///< the duration text does not parse
  every_not_whole_minutes,
  every_too_short,      ///< under one minute
  every_too_long,       ///< over 24 hours
  every_not_divisor,    ///< does not divide 24 hours
};

/// Which extension an `unsupported` error is about.
enum class Unsupported : std::uint8_t {
  none,
  seconds_field,  ///< six fields
  year_field,     ///< seven fields
  last_day,       ///< `L`
  nearest_weekday,///< `W`
  nth_weekday,    ///< `#`
  reboot,         ///< `@reboot`
  every_macro,    ///< `@every`
  time_zone,      ///< `TZ=` / `CRON_TZ=`
};

/// A parse failure. `begin`/`end` are byte offsets into the parsed text (end exclusive).
struct ParseError {
  ErrorKind kind = ErrorKind::none;
  Field field = Field::none;
  Unsupported feature = Unsupported::none;
  std::uint16_t begin = 0;
  std::uint16_t end = 0;
  std::int64_t value = 0;  ///< the offending number, where there is one (a value, a step, minutes)
};

/// The field's name as a person says it ("day of month").
std::string_view field_name(Field field);
/// The inclusive range of values a field accepts, as text ("0-59").
std::string_view field_range(Field field);
/// A one-line message that says what is wrong with `text` and how to fix it.
std::string error_message(const ParseError& error, std::string_view text);

}  // namespace cron

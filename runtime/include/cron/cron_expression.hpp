#pragma once
/// The constexpr cron parser (docs/design.md, "Cron dialect"): one implementation for the header's compile-time
/// checks, the analyzer and the runtime. No allocation, no exceptions: bit masks and error values.

#include <cron/detail/chars.hpp>
#include <cron/result.hpp>

#include <cstdint>
#include <string_view>

namespace cron {

/// A parsed five-field expression as bit masks; bit n set means value n matches.
struct CronFields {
  std::uint64_t minutes = 0;        ///< bits 0-59
  std::uint32_t hours = 0;          ///< bits 0-23
  std::uint32_t days_of_month = 0;  ///< bits 1-31
  std::uint16_t months = 0;         ///< bits 1-12
  std::uint8_t days_of_week = 0;    ///< bits 0-6, Sunday is 0 (7 is folded into 0)
  bool day_of_month_star = false;   ///< the field starts with `*` or `?` (cronie's DOM_STAR)
  bool day_of_week_star = false;    ///< the field starts with `*` or `?` (cronie's DOW_STAR)

  /// cronie: when either day field starts with `*`, a day must match both; otherwise either.
  constexpr bool days_intersect() const { return day_of_month_star || day_of_week_star; }
  constexpr bool operator==(const CronFields&) const = default;
};

namespace detail {

struct FieldSpec {
  Field field;
  int min;
  int max;  ///< largest accepted value (7 for day of week, folded to Sunday)
};

inline constexpr FieldSpec kFieldSpecs[5] = {
    {Field::minute, 0, 59},
    {Field::hour, 0, 23},
    {Field::day_of_month, 1, 31},
    {Field::month, 1, 12},
    {Field::day_of_week, 0, 7},
};

inline constexpr std::string_view kMonthNames[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                     "jul", "aug", "sep", "oct", "nov", "dec"};
inline constexpr std::string_view kWeekdayNames[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

struct Macro {
  std::string_view name;
  std::string_view expansion;
};

inline constexpr Macro kMacros[7] = {
    {"@yearly", "0 0 1 1 *"}, {"@annually", "0 0 1 1 *"}, {"@monthly", "0 0 1 * *"},
    {"@weekly", "0 0 * * 0"}, {"@daily", "0 0 * * *"},    {"@midnight", "0 0 * * *"},
    {"@hourly", "0 * * * *"},
};

constexpr bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  return true;
}

constexpr ParseError make_error(ErrorKind kind, Field field, std::size_t begin, std::size_t end,
                                std::int64_t value = 0, Unsupported feature = Unsupported::none) {
  return ParseError{kind, field, feature, static_cast<std::uint16_t>(begin), static_cast<std::uint16_t>(end),
                    value};
}

/// Parses one field's text (`text[begin, end)`) into a mask; reports errors with offsets into `text`.
class FieldParser {
 public:
  constexpr FieldParser(std::string_view text, std::size_t begin, std::size_t end, const FieldSpec& spec)
      : text_(text), pos_(begin), end_(end), spec_(spec) {}

  constexpr Result<std::uint64_t> parse() {
    std::uint64_t mask = 0;
    while (true) {
      auto item = parse_item();
      if (!item) return item.error();
      mask |= item.value();
      if (pos_ == end_) break;
      if (text_[pos_] != ',') return unexpected();
      ++pos_;
      if (pos_ == end_) return make_error(ErrorKind::unexpected_character, spec_.field, pos_ - 1, pos_);
    }
    if (spec_.field == Field::day_of_week && (mask >> 7 & 1)) mask = (mask | 1) & 0x7f;
    return mask;
  }

 private:
  /// The character at `pos_`, or an empty range when the field ends there ("the field ends unexpectedly"),
  /// so the range never covers the separator after the field or runs past the text.
  constexpr ParseError unexpected() const {
    return make_error(ErrorKind::unexpected_character, spec_.field, pos_, pos_ < end_ ? pos_ + 1 : pos_);
  }

  constexpr ParseError unsupported(Unsupported feature, std::size_t begin, std::size_t end) const {
    return make_error(ErrorKind::unsupported, spec_.field, begin, end, 0, feature);
  }

  constexpr bool at(char c) const { return pos_ < end_ && text_[pos_] == c; }

  /// Recognises Quartz/Spring extensions (L, W, #) so they get their own message.
  constexpr Result<int> check_extension(std::size_t begin) const {
    if (pos_ >= end_) return 0;
    char c = text_[pos_];
    if (c == '#' && spec_.field == Field::day_of_week)
      return unsupported(Unsupported::nth_weekday, begin, end_of_token());
    if ((c == 'L' || c == 'l') && (spec_.field == Field::day_of_week || spec_.field == Field::day_of_month))
      return unsupported(Unsupported::last_day, begin, end_of_token());
    if ((c == 'W' || c == 'w') && spec_.field == Field::day_of_month)
      return unsupported(Unsupported::nearest_weekday, begin, end_of_token());
    return 0;
  }

  constexpr std::size_t end_of_token() const {
    std::size_t p = pos_;
    while (p < end_ && text_[p] != ',') ++p;
    return p;
  }

  /// A number or a name; `bound_check` is off for steps, which have their own range.
  constexpr Result<int> parse_value() {
    std::size_t begin = pos_;
    if (pos_ < end_ && is_digit(text_[pos_])) {
      std::int64_t n = 0;
      while (pos_ < end_ && is_digit(text_[pos_])) {
        if (n < 100000) n = n * 10 + (text_[pos_] - '0');
        ++pos_;
      }
      if (auto ext = check_extension(begin); !ext) return ext.error();
      if (n < spec_.min || n > spec_.max)
        return make_error(ErrorKind::value_out_of_range, spec_.field, begin, pos_, n);
      return static_cast<int>(n);
    }
    if (pos_ < end_ && is_alpha(text_[pos_])) {
      while (pos_ < end_ && is_alpha(text_[pos_])) ++pos_;
      std::string_view word = text_.substr(begin, pos_ - begin);
      if (spec_.field == Field::month)
        for (int i = 0; i < 12; ++i)
          if (equals_ignoring_case(word, kMonthNames[i])) return i + 1;
      if (spec_.field == Field::day_of_week)
        for (int i = 0; i < 7; ++i)
          if (equals_ignoring_case(word, kWeekdayNames[i])) return i;
      bool day_field = spec_.field == Field::day_of_week || spec_.field == Field::day_of_month;
      if (day_field && (equals_ignoring_case(word, "l") || equals_ignoring_case(word, "lw")))
        return unsupported(Unsupported::last_day, begin, end_of_token());
      return make_error(ErrorKind::unknown_name, spec_.field, begin, pos_);
    }
    return unexpected();
  }

  constexpr Result<int> parse_step() {
    std::size_t begin = pos_;
    if (!(pos_ < end_ && is_digit(text_[pos_])))
      return make_error(ErrorKind::bad_step, spec_.field, begin, end_of_token(), -1);
    std::int64_t n = 0;
    while (pos_ < end_ && is_digit(text_[pos_])) {
      if (n < 100000) n = n * 10 + (text_[pos_] - '0');
      ++pos_;
    }
    if (n < 1 || n > spec_.max) return make_error(ErrorKind::bad_step, spec_.field, begin, pos_, n);
    return static_cast<int>(n);
  }

  static constexpr std::uint64_t range_mask(int low, int high, int step) {
    std::uint64_t mask = 0;
    for (int v = low; v <= high; v += step) mask |= std::uint64_t{1} << v;
    return mask;
  }

  /// One list item: `*`, `?`, `v`, `a-b`, each optionally `/step`.
  constexpr Result<std::uint64_t> parse_item() {
    std::size_t begin = pos_;
    int low = spec_.min;
    int high = spec_.max;
    bool explicit_single = false;
    if (at('*') || at('?')) {
      bool question = at('?');
      if (question && spec_.field != Field::day_of_month && spec_.field != Field::day_of_week)
        return make_error(ErrorKind::question_mark_field, spec_.field, pos_, pos_ + 1);
      ++pos_;
      if (question && at('/')) return unexpected();
      if (spec_.field == Field::day_of_week) high = 6;  // `*` is Sunday through Saturday once
    } else {
      auto first = parse_value();
      if (!first) return first.error();
      low = first.value();
      high = low;
      explicit_single = true;
      if (at('-')) {
        ++pos_;
        auto second = parse_value();
        if (!second) return second.error();
        high = second.value();
        explicit_single = false;
        // cronie: a weekday range that ends on Sunday written as 0 or `sun` (`fri-sun`, `5-0`) runs through Sunday.
        if (spec_.field == Field::day_of_week && high == 0 && low > 0) high = 7;
        if (high < low) return make_error(ErrorKind::backwards_range, spec_.field, begin, pos_, low);
      }
    }
    int step = 1;
    if (at('/')) {
      ++pos_;
      auto parsed = parse_step();
      if (!parsed) return parsed.error();
      step = parsed.value();
      // `a/n` runs to the field's end; Saturday ends the week, except for `7/n`, which is Sunday alone.
      if (explicit_single) high = spec_.max == 7 ? (low == 7 ? 7 : 6) : spec_.max;
    }
    if (pos_ < end_ && text_[pos_] != ',') {
      if (auto ext = check_extension(begin); !ext) return ext.error();
      return unexpected();
    }
    return range_mask(low, high, step);
  }

  std::string_view text_;
  std::size_t pos_;
  std::size_t end_;
  const FieldSpec& spec_;
};

/// Bits 1 through `last_day` set: the days of a month that has `last_day` days.
constexpr std::uint32_t days_up_to(int last_day) {
  return static_cast<std::uint32_t>((std::uint64_t{2} << last_day) - 2);
}

/// The days 1-31 of a month whose 1st falls on `first_weekday` (0 = Sunday) that are on one of `days_of_week`
/// (bits 0-6): the week's 7-bit pattern rotated to start on the 1st, then repeated five times from bit 1.
constexpr std::uint32_t weekday_days(std::uint8_t days_of_week, int first_weekday) {
  unsigned week = ((unsigned{days_of_week} >> first_weekday) | (unsigned{days_of_week} << (7 - first_weekday))) & 0x7f;
  return static_cast<std::uint32_t>((std::uint64_t{week} * 0x10204081) << 1);  // copies at bits 0, 7, 14, 21, 28
}

/// Largest day each month can have (February: 29, in leap years).
inline constexpr int kMaxDaysInMonth[13] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

/// A day-of-month-only expression (the weekday field starts with `*`) whose days exist in none of
/// its months never fires; in every other case some date matches within 28 years.
constexpr bool can_fire(const CronFields& f) {
  if (!f.day_of_week_star) return true;
  for (int month = 1; month <= 12; ++month) {
    if (!(f.months >> month & 1)) continue;
    if (f.days_of_month & days_up_to(kMaxDaysInMonth[month])) return true;
  }
  return false;
}

constexpr std::string_view trim(std::string_view text, std::size_t& offset) {
  offset = 0;
  while (offset < text.size() && is_space(text[offset])) ++offset;
  std::size_t end = text.size();
  while (end > offset && is_space(text[end - 1])) --end;
  return text.substr(offset, end - offset);
}

constexpr Result<CronFields> parse_five_fields(std::string_view text, std::string_view fields_text,
                                               std::size_t offset);

}  // namespace detail

/// Parses a five-field cron expression or macro with cronie's semantics. Error offsets index `text`.
constexpr Result<CronFields> parse_cron(std::string_view text) {
  std::size_t offset = 0;
  std::string_view body = detail::trim(text, offset);
  if (body.empty()) return detail::make_error(ErrorKind::empty, Field::none, 0, text.size());

  if (body.starts_with("TZ=") || body.starts_with("CRON_TZ=")) {
    std::size_t end = 0;
    while (end < body.size() && !detail::is_space(body[end])) ++end;
    return detail::make_error(ErrorKind::unsupported, Field::none, offset, offset + end, 0, Unsupported::time_zone);
  }

  if (body[0] == '@') {
    std::size_t end = 0;
    while (end < body.size() && !detail::is_space(body[end])) ++end;
    std::string_view word = body.substr(0, end);
    if (detail::equals_ignoring_case(word, "@reboot"))
      return detail::make_error(ErrorKind::unsupported, Field::none, offset, offset + end, 0, Unsupported::reboot);
    if (detail::equals_ignoring_case(word, "@every"))
      return detail::make_error(ErrorKind::unsupported, Field::none, offset, offset + body.size(), 0,
                                Unsupported::every_macro);
    for (const auto& macro : detail::kMacros) {
      if (!detail::equals_ignoring_case(word, macro.name)) continue;
      if (end != body.size()) {
        std::size_t extra = end;
        while (detail::is_space(body[extra])) ++extra;
        return detail::make_error(ErrorKind::unexpected_character, Field::none, offset + extra, offset + body.size());
      }
      return detail::parse_five_fields(macro.expansion, macro.expansion, 0);
    }
    return detail::make_error(ErrorKind::unknown_macro, Field::none, offset, offset + end);
  }
  return detail::parse_five_fields(text, body, offset);
}

namespace detail {

constexpr Result<CronFields> parse_five_fields(std::string_view text, std::string_view body, std::size_t offset) {
  std::size_t begins[8] = {};
  std::size_t ends[8] = {};
  std::size_t count = 0;
  std::size_t pos = 0;
  while (pos < body.size()) {
    while (pos < body.size() && is_space(body[pos])) ++pos;
    if (pos == body.size()) break;
    std::size_t begin = pos;
    while (pos < body.size() && !is_space(body[pos])) ++pos;
    if (count < 8) {
      begins[count] = offset + begin;
      ends[count] = offset + pos;
    }
    ++count;
  }
  if (count == 6 || count == 7) {
    // Six fields is the seconds-first form of Quartz/Spring/croncpp; seven adds a year.
    return make_error(ErrorKind::unsupported, Field::none, offset, offset + body.size(), static_cast<std::int64_t>(count),
                      count == 6 ? Unsupported::seconds_field : Unsupported::year_field);
  }
  if (count != 5)
    return make_error(ErrorKind::wrong_field_count, Field::none, offset, offset + body.size(),
                      static_cast<std::int64_t>(count));

  std::uint64_t masks[5] = {};
  for (std::size_t i = 0; i < 5; ++i) {
    FieldParser parser(text, begins[i], ends[i], kFieldSpecs[i]);
    auto mask = parser.parse();
    if (!mask) return mask.error();
    masks[i] = mask.value();
  }
  CronFields fields;
  fields.minutes = masks[0];
  fields.hours = static_cast<std::uint32_t>(masks[1]);
  fields.days_of_month = static_cast<std::uint32_t>(masks[2]);
  fields.months = static_cast<std::uint16_t>(masks[3]);
  fields.days_of_week = static_cast<std::uint8_t>(masks[4]);
  fields.day_of_month_star = text[begins[2]] == '*' || text[begins[2]] == '?';
  fields.day_of_week_star = text[begins[4]] == '*' || text[begins[4]] == '?';
  if (!can_fire(fields))
    return make_error(ErrorKind::never_fires, Field::day_of_month, begins[2], ends[3]);
  return fields;
}

}  // namespace detail

}  // namespace cron

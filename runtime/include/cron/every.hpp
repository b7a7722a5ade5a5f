#pragma once
/// The `every` rules (docs/design.md, "Time"), constexpr so the header, the analyzer and the runtime agree:
/// a whole number of minutes, from 1 minute to 24 hours, dividing 24 hours.

#include <cron/detail/chars.hpp>
#include <cron/result.hpp>

#include <cstdint>
#include <numeric>
#include <string>
#include <string_view>

namespace cron {

inline constexpr std::int64_t kMinutesPerDay = 24 * 60;
inline constexpr std::int64_t kNanosecondsPerMinute = 60'000'000'000;

namespace detail {

struct DurationUnit {
  std::string_view suffix;
  std::int64_t nanoseconds;
};

// Go's time.ParseDuration units (Encore's `every` is a Go duration), longest suffix first.
inline constexpr DurationUnit kDurationUnits[] = {
    {"ns", 1}, {"us", 1'000}, {"\xC2\xB5s", 1'000}, {"\xCE\xBCs", 1'000}, {"ms", 1'000'000},
    {"h", 3'600'000'000'000}, {"m", 60'000'000'000}, {"s", 1'000'000'000},
};

inline constexpr std::int64_t kDurationLimit = 1'000'000 * 3'600'000'000'000;  // far above 24 h, no overflow

}  // namespace detail

/// Parses a Go-style duration ("10m", "2h", "1h30m", "1.5h", "90s") into nanoseconds.
constexpr Result<std::int64_t> parse_duration(std::string_view text) {
  auto syntax_error = [&](std::size_t begin, std::size_t end) {
    return ParseError{ErrorKind::every_syntax, Field::none, Unsupported::none, static_cast<std::uint16_t>(begin),
                      static_cast<std::uint16_t>(end), 0};
  };
  if (text.empty()) return syntax_error(0, 0);
  std::size_t pos = 0;
  std::int64_t total = 0;
  while (pos < text.size()) {
    std::size_t number_begin = pos;
    std::int64_t whole = 0;
    std::int64_t fraction = 0;
    std::int64_t fraction_scale = 1;
    bool any_digit = false;
    while (pos < text.size() && detail::is_digit(text[pos])) {
      any_digit = true;
      const int digit = text[pos] - '0';
      // Checked before multiplying: `whole * 10` must not overflow on a long run of digits.
      if (whole > (detail::kDurationLimit - digit) / 10) return syntax_error(number_begin, pos + 1);
      whole = whole * 10 + digit;
      ++pos;
    }
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      while (pos < text.size() && detail::is_digit(text[pos])) {
        any_digit = true;
        if (fraction_scale < 1'000'000'000'000) {
          fraction = fraction * 10 + (text[pos] - '0');
          fraction_scale *= 10;
        }
        ++pos;
      }
    }
    if (!any_digit) return syntax_error(pos, pos < text.size() ? pos + 1 : pos);
    const detail::DurationUnit* unit = nullptr;
    for (const auto& candidate : detail::kDurationUnits) {
      if (text.substr(pos).starts_with(candidate.suffix)) {
        unit = &candidate;
        break;
      }
    }
    if (unit == nullptr) {
      std::size_t end = pos;
      while (end < text.size() && !detail::is_digit(text[end]) && text[end] != '.') ++end;
      return syntax_error(pos, end == pos ? pos : end);
    }
    pos += unit->suffix.size();
    if (whole > detail::kDurationLimit / unit->nanoseconds) return syntax_error(number_begin, pos);
    // fraction * unit can overflow (12 digits of an hour); dividing both by their gcd keeps it exact and small.
    const std::int64_t common = std::gcd(unit->nanoseconds, fraction_scale);
    total += whole * unit->nanoseconds + fraction * (unit->nanoseconds / common) / (fraction_scale / common);
    if (total > detail::kDurationLimit) return syntax_error(number_begin, pos);
  }
  return total;
}

/// Checks a length of time against the `every` rules and returns it in minutes.
/// `begin`/`end` locate the value in its text for the error (the whole text when it has none).
constexpr Result<int> every_minutes_from_nanoseconds(std::int64_t nanoseconds, std::size_t begin = 0,
                                                     std::size_t end = 0) {
  auto error = [&](ErrorKind kind, std::int64_t value) {
    return ParseError{kind, Field::none, Unsupported::none, static_cast<std::uint16_t>(begin),
                      static_cast<std::uint16_t>(end), value};
  };
  if (nanoseconds < kNanosecondsPerMinute) return error(ErrorKind::every_too_short, nanoseconds);
  if (nanoseconds % kNanosecondsPerMinute != 0) return error(ErrorKind::every_not_whole_minutes, nanoseconds);
  std::int64_t minutes = nanoseconds / kNanosecondsPerMinute;
  if (minutes > kMinutesPerDay) return error(ErrorKind::every_too_long, minutes);
  if (kMinutesPerDay % minutes != 0) return error(ErrorKind::every_not_divisor, minutes);
  return static_cast<int>(minutes);
}

/// Parses and checks an `every` string: "2h" gives 120.
constexpr Result<int> parse_every(std::string_view text) {
  auto nanoseconds = parse_duration(text);
  if (!nanoseconds) return nanoseconds.error();
  return every_minutes_from_nanoseconds(nanoseconds.value(), 0, text.size());
}

/// The valid intervals closest to an invalid one, for "did you mean" notes and fix-its.
struct NearestIntervals {
  int below = 0;  ///< 0 when there is none (under 1 minute)
  int above = 0;  ///< 0 when there is none (over 24 hours)
};

constexpr NearestIntervals nearest_valid_intervals(std::int64_t minutes) {
  NearestIntervals nearest;
  for (int d = 1; d <= kMinutesPerDay; ++d) {
    if (kMinutesPerDay % d != 0) continue;
    if (d < minutes) nearest.below = d;
    if (d > minutes && nearest.above == 0) nearest.above = d;
  }
  return nearest;
}

/// An interval in the `every` syntax a user would write: 360 gives "6h", 90 gives "1h30m".
std::string format_interval(int minutes);

}  // namespace cron

#include <cron/retention.hpp>

#include <cstdint>

namespace cron {

namespace {

/// Digits at the start of `text`, consumed; empty when there are none or they overflow.
std::optional<std::uint64_t> take_number(std::string_view& text) {
  std::uint64_t value = 0;
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') {
    if (value > (UINT64_MAX - 9) / 10) return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(text[digits] - '0');
    ++digits;
  }
  if (digits == 0) return std::nullopt;
  text.remove_prefix(digits);
  return value;
}

std::optional<std::uint64_t> seconds_per(char unit) {
  switch (unit) {
    case 'd':
      return 86400;
    case 'h':
      return 3600;
    case 'm':
      return 60;
    case 's':
      return 1;
    default:
      return std::nullopt;
  }
}

}  // namespace

RetentionSetting<std::size_t> parse_history_keep(std::string_view text) {
  std::string_view rest = text;
  auto number = take_number(rest);
  if (!number || !rest.empty() || *number == 0 || *number > SIZE_MAX)
    return {std::nullopt, "CRON_HISTORY_KEEP='" + std::string(text) +
                              "' is not a number of executions to keep per job (a whole number from 1, such as 1000)"};
  return {static_cast<std::size_t>(*number), {}};
}

RetentionSetting<std::chrono::seconds> parse_history_max_age(std::string_view text) {
  auto refused = [text] {
    return RetentionSetting<std::chrono::seconds>{
        std::nullopt, "CRON_HISTORY_MAX_AGE='" + std::string(text) +
                          "' is not an age of at least a minute (such as 30d, 12h, 90m or 1d12h)"};
  };
  std::string_view rest = text;
  std::uint64_t total = 0;
  if (rest.empty()) return refused();
  while (!rest.empty()) {
    auto number = take_number(rest);
    if (!number || rest.empty()) return refused();
    auto unit = seconds_per(rest.front());
    rest.remove_prefix(1);
    if (!unit || *number > (UINT64_MAX / 2 - total) / *unit) return refused();
    total += *number * *unit;
  }
  if (total < 60 || total > static_cast<std::uint64_t>(std::chrono::seconds::max().count())) return refused();
  return {std::chrono::seconds(static_cast<std::int64_t>(total)), {}};
}

}  // namespace cron

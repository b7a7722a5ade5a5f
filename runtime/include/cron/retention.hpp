#pragma once
/// How much execution history the stores keep, and the environment's way of saying it (docs/dashboard.md,
/// "Retention"): CRON_HISTORY_KEEP=N and CRON_HISTORY_MAX_AGE=30d.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cron {

struct HistoryRetention {
  std::size_t keep_per_job = 1000;                      ///< CRON_HISTORY_KEEP: executions kept per job
  std::chrono::seconds max_age = std::chrono::days(30); ///< CRON_HISTORY_MAX_AGE: how long executions are kept
};

/// A value of CRON_HISTORY_KEEP or CRON_HISTORY_MAX_AGE, or the line that says why it is not one.
template <typename T>
struct RetentionSetting {
  std::optional<T> value;
  std::string error;
};

/// `1000`: a whole number of executions, at least 1.
RetentionSetting<std::size_t> parse_history_keep(std::string_view text);

/// `30d`, `12h`, `90m`, `3600s`, or parts of them run together (`1d12h`): at least one minute.
RetentionSetting<std::chrono::seconds> parse_history_max_age(std::string_view text);

}  // namespace cron

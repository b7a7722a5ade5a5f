#pragma once
/// The per-job policies a declaration can choose, shared by the header, the analyzer, the exporters and the
/// runtime (docs/policies.md): their values, and the constexpr range rules all of them apply.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>

namespace cron {

/// What to do with ticks that passed while the process was down or the clock jumped forward.
enum class CatchUp {
  skip,        ///< record each as `missed` (the default)
  run_latest,  ///< record the older ones as `missed` and run the latest once
};

/// What to do with a tick that comes while the job's previous run is still going.
enum class Overlap {
  skip,            ///< record the tick `skipped` (the default)
  queue_one,       ///< keep at most one tick waiting and run it when the run ends; later ones are `skipped`
  allow,           ///< run them side by side, within the worker pool
  cancel_running,  ///< request stop of the running attempt and start the new tick once it has returned
};

/// The names the manifest, the exporters and the dashboard use: "run_latest", "cancel_running".
constexpr std::string_view to_string(CatchUp policy) { return policy == CatchUp::skip ? "skip" : "run_latest"; }
constexpr std::string_view to_string(Overlap policy) {
  switch (policy) {
    case Overlap::queue_one: return "queue_one";
    case Overlap::allow: return "allow";
    case Overlap::cancel_running: return "cancel_running";
    default: return "skip";
  }
}
constexpr std::optional<CatchUp> catch_up_from_string(std::string_view name) {
  for (CatchUp policy : {CatchUp::skip, CatchUp::run_latest})
    if (to_string(policy) == name) return policy;
  return std::nullopt;
}
constexpr std::optional<Overlap> overlap_from_string(std::string_view name) {
  for (Overlap policy : {Overlap::skip, Overlap::queue_one, Overlap::allow, Overlap::cancel_running})
    if (to_string(policy) == name) return policy;
  return std::nullopt;
}

inline constexpr int kMaxRetries = 10;
inline constexpr std::int64_t kMaxTimeoutSeconds = 24 * 3600;
inline constexpr std::int64_t kMaxJitterSeconds = 3600;

/// Why a `timeout` or `jitter` length is not allowed.
enum class PolicyDurationProblem : std::uint8_t {
  none,
  not_whole_seconds,
  too_short,             ///< under 1 second
  too_long,              ///< over 24 hours (timeout) or 1 hour (jitter)
  not_shorter_than_gap,  ///< jitter as long as the shortest gap between two fire times, or longer
};

namespace detail {

inline constexpr std::int64_t kNanosecondsPerSecond = 1'000'000'000;

constexpr PolicyDurationProblem check_seconds(std::int64_t nanoseconds, std::int64_t max_seconds) {
  if (nanoseconds < kNanosecondsPerSecond) return PolicyDurationProblem::too_short;
  if (nanoseconds % kNanosecondsPerSecond != 0) return PolicyDurationProblem::not_whole_seconds;
  if (nanoseconds / kNanosecondsPerSecond > max_seconds) return PolicyDurationProblem::too_long;
  return PolicyDurationProblem::none;
}

}  // namespace detail

/// A timeout is a whole number of seconds from 1 second to 24 hours.
constexpr PolicyDurationProblem check_timeout_length(std::int64_t nanoseconds) {
  return detail::check_seconds(nanoseconds, kMaxTimeoutSeconds);
}

/// A jitter is a whole number of seconds from 1 second to 1 hour, shorter than the shortest gap between two fire
/// times, so a delayed tick never starts after the next one. `shortest_gap_minutes` 0: every gap is over a day.
constexpr PolicyDurationProblem check_jitter_length(std::int64_t nanoseconds, int shortest_gap_minutes) {
  auto problem = detail::check_seconds(nanoseconds, kMaxJitterSeconds);
  if (problem != PolicyDurationProblem::none) return problem;
  if (shortest_gap_minutes != 0 && nanoseconds / detail::kNanosecondsPerSecond >= shortest_gap_minutes * 60)
    return PolicyDurationProblem::not_shorter_than_gap;
  return PolicyDurationProblem::none;
}

/// Retries are attempts after the first: 0 to 10.
constexpr bool retries_in_range(int retries) { return retries >= 0 && retries <= kMaxRetries; }

}  // namespace cron

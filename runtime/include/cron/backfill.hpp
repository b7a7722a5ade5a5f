#pragma once
/// Which ticks a backfill runs (docs/dashboard.md, "Backfill"): a pure planner over a job's schedule and a window,
/// so the limits are tested without a scheduler. Each tick then runs with its scheduled key, oldest first.

#include <cron/zoned_schedule.hpp>

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace cron {

/// At most this many ticks per backfill: a wider window is refused, not cut short.
inline constexpr std::size_t kMaxBackfillTicks = 1000;

struct BackfillPlan {
  std::vector<std::chrono::sys_seconds> ticks;  ///< oldest first
  std::string error;                            ///< why the window is refused; empty when it is not
};

/// The ticks of `schedule` (in its zone) from `from` to `to`, both included. Refuses a window that ends after `now` (those ticks
/// are the scheduler's) or starts after it ends, and one with more than kMaxBackfillTicks ticks.
BackfillPlan plan_backfill(const ZonedSchedule& schedule, std::chrono::sys_seconds from, std::chrono::sys_seconds to,
                           std::chrono::sys_seconds now);

}  // namespace cron

#pragma once
// The catch-up planner (docs/runtime.md, "Catch-up"): what to do with a tick that came due, given the clock and
// the job's policy. Pure: no threads, no store, no clock of its own, so every case is a unit test.

#include <cron/clock.hpp>
#include <cron/policy.hpp>
#include <cron/zoned_schedule.hpp>

#include <chrono>
#include <optional>
#include <vector>

namespace cron::scheduler {

/// At most this many `missed` records per job after a long downtime; the rest are counted in `unlisted_misses`.
inline constexpr int kMaxMissedRecords = 100;

struct CatchUpPlan {
  std::vector<std::chrono::sys_seconds> missed;  ///< ticks to record `missed`, oldest first
  int unlisted_misses = 0;                       ///< further missed ticks, too many to record one by one
  std::optional<std::chrono::sys_seconds> run;   ///< the tick to run now, if any
  std::chrono::sys_seconds handled;              ///< the latest tick this plan handles: never handled again
  std::chrono::sys_seconds next;                 ///< the job's next tick after this plan
};

/// Plans the tick `due` of a job with `schedule`, at `now`: a tick at or before `last_handled` (the clock went
/// back) is dropped; ticks later than `grace` are missed, except the latest under CatchUp::run_latest.
CatchUpPlan plan_catch_up(const ZonedSchedule& schedule, std::chrono::sys_seconds due, TimePoint now,
                          std::chrono::seconds grace, CatchUp policy,
                          std::optional<std::chrono::sys_seconds> last_handled);

}  // namespace cron::scheduler

// The catch-up planner without threads, store or clock: what happens to a tick that comes due late, early or
// twice.

#include "scheduler/catch_up.hpp"
#include "utc_time.hpp"

#include <gtest/gtest.h>

namespace cron::scheduler {
namespace {

using namespace std::chrono_literals;
using std::chrono::sys_seconds;

constexpr auto at = test::utc;

const ZonedSchedule kEveryTwoHours = ZonedSchedule::in_utc(Schedule::every_minutes(120).value());

TEST(CatchUpPlanner, ATickOnTimeRuns) {
  CatchUpPlan plan = plan_catch_up(kEveryTwoHours, at("2026-03-01T10:00:00Z"), TimePoint(at("2026-03-01T10:00:05Z")),
                                   60s, CatchUp::skip, at("2026-03-01T08:00:00Z"));
  EXPECT_TRUE(plan.missed.empty());
  EXPECT_EQ(plan.run, at("2026-03-01T10:00:00Z"));
  EXPECT_EQ(plan.handled, at("2026-03-01T10:00:00Z"));
  EXPECT_EQ(plan.next, at("2026-03-01T12:00:00Z"));
}

TEST(CatchUpPlanner, ATickWithinItsGraceStillRuns) {
  CatchUpPlan plan = plan_catch_up(kEveryTwoHours, at("2026-03-01T10:00:00Z"), TimePoint(at("2026-03-01T10:01:00Z")),
                                   60s, CatchUp::skip, std::nullopt);
  EXPECT_EQ(plan.run, at("2026-03-01T10:00:00Z"));
}

TEST(CatchUpPlanner, AForwardJumpMissesEveryPassedTickUnderSkip) {
  CatchUpPlan plan = plan_catch_up(kEveryTwoHours, at("2026-03-01T10:00:00Z"), TimePoint(at("2026-03-01T15:00:00Z")),
                                   60s, CatchUp::skip, std::nullopt);
  EXPECT_EQ(plan.missed, (std::vector<sys_seconds>{at("2026-03-01T10:00:00Z"), at("2026-03-01T12:00:00Z"),
                                                   at("2026-03-01T14:00:00Z")}));
  EXPECT_EQ(plan.run, std::nullopt);
  EXPECT_EQ(plan.handled, at("2026-03-01T14:00:00Z"));
  EXPECT_EQ(plan.next, at("2026-03-01T16:00:00Z"));
}

TEST(CatchUpPlanner, RunLatestRunsOnlyTheLatestPassedTick) {
  CatchUpPlan plan = plan_catch_up(kEveryTwoHours, at("2026-03-01T10:00:00Z"), TimePoint(at("2026-03-01T15:00:00Z")),
                                   60s, CatchUp::run_latest, std::nullopt);
  EXPECT_EQ(plan.missed, (std::vector<sys_seconds>{at("2026-03-01T10:00:00Z"), at("2026-03-01T12:00:00Z")}));
  EXPECT_EQ(plan.run, at("2026-03-01T14:00:00Z"));
  EXPECT_EQ(plan.next, at("2026-03-01T16:00:00Z"));
}

TEST(CatchUpPlanner, ATickAlreadyHandledBeforeABackwardJumpIsDropped) {
  CatchUpPlan plan = plan_catch_up(kEveryTwoHours, at("2026-03-01T10:00:00Z"), TimePoint(at("2026-03-01T10:00:00Z")),
                                   60s, CatchUp::skip, at("2026-03-01T10:00:00Z"));
  EXPECT_TRUE(plan.missed.empty());
  EXPECT_EQ(plan.run, std::nullopt);
  EXPECT_EQ(plan.next, at("2026-03-01T12:00:00Z"));
}

TEST(CatchUpPlanner, ALongDowntimeListsAHundredMissesAndCountsTheRest) {
  const ZonedSchedule every_minute = ZonedSchedule::in_utc(Schedule::every_minutes(1).value());
  CatchUpPlan plan = plan_catch_up(every_minute, at("2026-03-01T10:00:00Z"), TimePoint(at("2026-03-01T12:00:30Z")),
                                   60s, CatchUp::skip, std::nullopt);
  ASSERT_EQ(plan.missed.size(), std::size_t{kMaxMissedRecords});
  EXPECT_EQ(plan.missed.front(), at("2026-03-01T10:00:00Z"));
  EXPECT_EQ(plan.unlisted_misses, 20);  // 10:00 to 12:00 is 121 ticks; 12:00 is within its grace and runs
  EXPECT_EQ(plan.run, at("2026-03-01T12:00:00Z"));
}

}  // namespace
}  // namespace cron::scheduler

// plan_backfill(): the ticks a backfill runs, oldest first, both ends of the window included, and the windows
// it refuses.

#include <cron/backfill.hpp>
#include <cron/execution.hpp>

#include <gtest/gtest.h>

namespace cron {
namespace {

std::chrono::sys_seconds at(std::string_view text) {
  std::chrono::sys_seconds time;
  EXPECT_TRUE(parse_utc(text, time)) << text;
  return time;
}

const ZonedSchedule kHourly = ZonedSchedule::in_utc(Schedule::cron("0 * * * *").value());
const std::chrono::sys_seconds kNow = at("2026-03-02T12:00:00Z");

std::vector<std::string> keys(const BackfillPlan& plan) {
  std::vector<std::string> out;
  for (auto tick : plan.ticks) out.push_back(idempotency_key("job", tick));
  return out;
}

TEST(BackfillTest, RunsEveryTickOfTheWindowOldestFirstBothEndsIncluded) {
  BackfillPlan plan = plan_backfill(kHourly, at("2026-03-01T22:00:00Z"), at("2026-03-02T01:00:00Z"), kNow);
  EXPECT_EQ(plan.error, "");
  EXPECT_EQ(keys(plan), (std::vector<std::string>{"job@2026-03-01T22:00Z", "job@2026-03-01T23:00Z",
                                                  "job@2026-03-02T00:00Z", "job@2026-03-02T01:00Z"}));
  EXPECT_EQ(keys(plan_backfill(kHourly, at("2026-03-01T22:00:01Z"), at("2026-03-01T23:59:59Z"), kNow)),
            (std::vector<std::string>{"job@2026-03-01T23:00Z"}));
  EXPECT_TRUE(plan_backfill(kHourly, at("2026-03-01T22:10:00Z"), at("2026-03-01T22:50:00Z"), kNow).ticks.empty());
  EXPECT_EQ(plan_backfill(kHourly, kNow, kNow, kNow).ticks.size(), 1u) << "a window may end now";
}

TEST(BackfillTest, RefusesAWindowBackwardsOrInTheFuture) {
  EXPECT_EQ(plan_backfill(kHourly, at("2026-03-02T02:00:00Z"), at("2026-03-02T01:00:00Z"), kNow).error,
            "from (2026-03-02T02:00:00Z) is after to (2026-03-02T01:00:00Z)");
  BackfillPlan future = plan_backfill(kHourly, at("2026-03-02T11:00:00Z"), at("2026-03-02T12:00:01Z"), kNow);
  EXPECT_EQ(future.error, "to (2026-03-02T12:00:01Z) is in the future; the scheduler runs the ticks from now on "
                          "(2026-03-02T12:00:00Z)");
  EXPECT_TRUE(future.ticks.empty());
}

TEST(BackfillTest, RunsAtMostAThousandTicks) {
  const ZonedSchedule every_minute = ZonedSchedule::in_utc(Schedule::cron("* * * * *").value());
  auto from = at("2026-03-01T00:00:00Z");
  EXPECT_EQ(plan_backfill(every_minute, from, from + std::chrono::minutes(999), kNow).ticks.size(), 1000u);
  BackfillPlan wide = plan_backfill(every_minute, from, from + std::chrono::minutes(1000), kNow);
  EXPECT_TRUE(wide.ticks.empty());
  EXPECT_EQ(wide.error, "the window from 2026-03-01T00:00:00Z to 2026-03-01T16:40:00Z holds more than 1000 ticks; "
                        "backfill it in parts");
}

}  // namespace
}  // namespace cron

// Zoned jobs through the whole runtime on the manual clock, across Berlin's two clock changes of 2027
// (docs/time-zones.md): a fixed-time job runs once on each change day, a wildcard job runs at every real instant
// that matches, and keys stay UTC instants.

#include "runtime_outcomes.hpp"
#include "utc_time.hpp"

#include <cron/runtime.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace cron {
namespace {

using test::outcomes;

constexpr auto at = test::utc;

Status succeed() { return Status::success(); }

constexpr JobDefinition kBerlinJobs[] = {
    // Fixed time: 02:30 local, which 2027-03-28 skips and 2027-10-31 repeats.
    {"nightly", "Nightly", "schedule:30 2 * * *", Schedule::cron("30 2 * * *").value(), &succeed, "test::succeed",
     "Europe/Berlin"},
    // Wildcard minute: every half hour from 02:00 to 02:59 local, both passes of a repeated hour.
    {"halfhourly", "Half-hourly", "schedule:*/30 2 * * *", Schedule::cron("*/30 2 * * *").value(), &succeed,
     "test::succeed", "Europe/Berlin"},
    // UTC: the same expression as `nightly` without a zone.
    {"utc-nightly", "UTC nightly", "schedule:30 2 * * *", Schedule::cron("30 2 * * *").value(), &succeed,
     "test::succeed"},
};

class ZonedRuntimeTest : public testing::Test {
 protected:
  std::unique_ptr<Runtime> make_runtime(std::span<const JobDefinition> jobs, const char* start) {
    clock = std::make_shared<ManualClock>(TimePoint(at(start)));
    Options options;
    options.clock = clock;
    options.store_instance = make_memory_store();
    options.replica = "test-replica";
    options.log = nullptr;
    return std::make_unique<Runtime>(std::move(options), jobs);
  }

  /// Moves the clock from fire time to fire time of every job until `until`, letting each tick run.
  void run_until(Runtime& runtime, const char* until) {
    const std::chrono::sys_seconds end = at(until);
    while (true) {
      std::optional<std::chrono::sys_seconds> next;
      for (const JobSnapshot& job : runtime.snapshot(0))
        if (job.next_run && (!next || *job.next_run < *next)) next = job.next_run;
      if (!next || *next > end) break;
      clock->set(TimePoint(*next));
      runtime.wait_until_idle();
    }
    runtime.wait_until_recorded();
  }

  std::shared_ptr<ManualClock> clock;
};

TEST_F(ZonedRuntimeTest, SpringForwardRunsAFixedTimeOnceAtTheGapsEndAndAWildcardNotAtAll) {
  auto runtime = make_runtime(kBerlinJobs, "2027-03-27T00:00:00Z");
  runtime->start();
  run_until(*runtime, "2027-03-29T12:00:00Z");
  EXPECT_EQ(outcomes(*runtime, "nightly"), (std::vector<std::string>{
                                               "nightly@2027-03-27T01:30Z succeeded",  // 02:30+01:00
                                               "nightly@2027-03-28T01:00Z succeeded",  // 03:00+02:00, the gap's end
                                               "nightly@2027-03-29T00:30Z succeeded",  // 02:30+02:00
                                           }));
  EXPECT_EQ(outcomes(*runtime, "halfhourly"), (std::vector<std::string>{
                                                  "halfhourly@2027-03-27T01:00Z succeeded",
                                                  "halfhourly@2027-03-27T01:30Z succeeded",
                                                  "halfhourly@2027-03-29T00:00Z succeeded",
                                                  "halfhourly@2027-03-29T00:30Z succeeded",
                                              }));
  EXPECT_EQ(outcomes(*runtime, "utc-nightly"), (std::vector<std::string>{
                                                   "utc-nightly@2027-03-27T02:30Z succeeded",
                                                   "utc-nightly@2027-03-28T02:30Z succeeded",
                                                   "utc-nightly@2027-03-29T02:30Z succeeded",
                                               }));
}

TEST_F(ZonedRuntimeTest, FallBackRunsAFixedTimeOnceAndAWildcardInBothPasses) {
  auto runtime = make_runtime(kBerlinJobs, "2027-10-29T23:00:00Z");
  runtime->start();
  run_until(*runtime, "2027-11-01T12:00:00Z");
  EXPECT_EQ(outcomes(*runtime, "nightly"), (std::vector<std::string>{
                                               "nightly@2027-10-30T00:30Z succeeded",  // 02:30+02:00
                                               "nightly@2027-10-31T00:30Z succeeded",  // the first 02:30, +02:00
                                               "nightly@2027-11-01T01:30Z succeeded",  // 02:30+01:00
                                           }));
  EXPECT_EQ(outcomes(*runtime, "halfhourly"), (std::vector<std::string>{
                                                  "halfhourly@2027-10-30T00:00Z succeeded",
                                                  "halfhourly@2027-10-30T00:30Z succeeded",
                                                  "halfhourly@2027-10-31T00:00Z succeeded",  // 02:00+02:00
                                                  "halfhourly@2027-10-31T00:30Z succeeded",  // 02:30+02:00
                                                  "halfhourly@2027-10-31T01:00Z succeeded",  // 02:00+01:00
                                                  "halfhourly@2027-10-31T01:30Z succeeded",  // 02:30+01:00
                                                  "halfhourly@2027-11-01T01:00Z succeeded",
                                                  "halfhourly@2027-11-01T01:30Z succeeded",
                                              }));
}

TEST_F(ZonedRuntimeTest, TheSnapshotGivesTheZoneTheLocalOffsetAndTheZonedDescription) {
  auto runtime = make_runtime(kBerlinJobs, "2027-10-30T12:00:00Z");
  runtime->start();
  std::vector<JobSnapshot> jobs = runtime->snapshot(0);
  ASSERT_EQ(jobs.size(), 3u);
  EXPECT_EQ(jobs[0].time_zone, "Europe/Berlin");
  EXPECT_EQ(jobs[0].next_run, at("2027-10-31T00:30:00Z"));
  EXPECT_EQ(jobs[0].next_run_offset, std::chrono::hours(2)) << "the first 02:30 is still summer time";
  EXPECT_EQ(jobs[0].description, "at 02:30 Europe/Berlin every day");
  EXPECT_EQ(jobs[2].time_zone, "");
  EXPECT_EQ(jobs[2].next_run_offset, std::chrono::seconds(0));
  EXPECT_EQ(jobs[2].description, "at 02:30 UTC every day");
}

TEST_F(ZonedRuntimeTest, AZoneThisMachineLacksStopsTheRuntimeWithOneLine) {
  constexpr JobDefinition kMars[] = {
      {"olympus", "Olympus", "schedule:0 9 * * *", Schedule::cron("0 9 * * *").value(), &succeed, "test::succeed",
       "Mars/Olympus_Mons"},
  };
  try {
    make_runtime(kMars, "2027-01-01T00:00:00Z");
    FAIL() << "a job in an unknown zone was scheduled";
  } catch (const SetupError& error) {
    EXPECT_STREQ(error.what(),
                 "job 'olympus': time zone 'Mars/Olympus_Mons' is not in this machine's tz database "
                 "(/usr/share/zoneinfo); install the tzdata package");
  }
}

TEST_F(ZonedRuntimeTest, AZonedIntervalIsRefused) {
  constexpr JobDefinition kZonedEvery[] = {
      {"hourly", "Hourly", "every:60", Schedule::every_minutes(60).value(), &succeed, "test::succeed",
       "Europe/Berlin"},
  };
  EXPECT_THROW(make_runtime(kZonedEvery, "2027-01-01T00:00:00Z"), SetupError);
}

TEST_F(ZonedRuntimeTest, ABackfillRunsTheTicksOfTheJobsZone) {
  auto runtime = make_runtime(kBerlinJobs, "2027-03-30T12:00:00Z");
  runtime->start();
  BackfillResult result = runtime->backfill("nightly", at("2027-03-27T00:00:00Z"), at("2027-03-29T00:00:00Z"));
  EXPECT_EQ(result.status, BackfillResult::Status::accepted);
  EXPECT_EQ(result.ticks, 2u);
  runtime->wait_until_idle();
  runtime->wait_until_recorded();
  EXPECT_EQ(outcomes(*runtime, "nightly"), (std::vector<std::string>{
                                               "nightly@2027-03-27T01:30Z succeeded",  // 02:30+01:00
                                               "nightly@2027-03-28T01:00Z succeeded",  // the gap's end, 03:00+02:00
                                           }));
}

}  // namespace
}  // namespace cron

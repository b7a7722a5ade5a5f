#include "rules/checks.hpp"

#include "diagnostic_text.hpp"
#include "job_builder.hpp"

#include <cron/schedule.hpp>

#include <gtest/gtest.h>

namespace cronc {
namespace {

using test::build_zoned_job;

/// What the rule reports when the build runs at `now`.
std::string diagnose_at(const JobDecl& job, const char* now) {
  std::chrono::sys_seconds time{};
  EXPECT_TRUE(cron::parse_utc(now, time)) << now;
  return test::diagnose([&](const JobDecl& j, DiagnosticSink& sink) { check_schedule_dst_from(j, sink, time); }, job);
}

TEST(ScheduleDst, ASkippedTimeRunsAtTheGapsEnd) {
  // `.schedule = "30 2 * * *"`: the hour field `2` is at column 21.
  EXPECT_EQ(diagnose_at(build_zoned_job("30 2 * * *", "Europe/Berlin"), "2026-12-02T12:00Z"),
            "jobs.cpp:13:21-13:22: warning: job 'welcome-email' runs at 02:30 in Europe/Berlin, a time skipped when "
            "the clocks go forward from 02:00 to 03:00, first on 2027-03-28 [cron-schedule-dst]\n"
            "jobs.cpp:13:21-13:21: note: on those days it runs once at 03:00 (2027-03-28T03:00:00+02:00), the first "
            "minute after the gap\n");
}

TEST(ScheduleDst, ARepeatedTimeRunsAtItsFirstPass) {
  EXPECT_EQ(diagnose_at(build_zoned_job("30 1 * * *", "America/New_York"), "2027-04-01T00:00Z"),
            "jobs.cpp:13:21-13:22: warning: job 'welcome-email' runs at 01:30 in America/New_York, a time that "
            "happens twice when the clocks go back from 02:00 to 01:00, first on 2027-11-07 [cron-schedule-dst]\n"
            "jobs.cpp:13:21-13:21: note: on those days it runs once, at the first 01:30 (2027-11-07T01:30:00-04:00), "
            "not again an hour later\n");
  EXPECT_EQ(diagnose_at(build_zoned_job("45 1 * * 0", "Australia/Lord_Howe"), "2026-01-01T00:00Z"),
            "jobs.cpp:13:21-13:22: warning: job 'welcome-email' runs at 01:45 in Australia/Lord_Howe, a time that "
            "happens twice when the clocks go back from 02:00 to 01:30, first on 2026-04-05 [cron-schedule-dst]\n"
            "jobs.cpp:13:21-13:21: note: on those days it runs once, at the first 01:45 (2026-04-05T01:45:00+11:00), "
            "not again 30 minutes later\n");
}

TEST(ScheduleDst, OnlyFixedTimesThatMeetAChangeWithinThreeYears) {
  for (const char* schedule : {"0 4 * * *", "*/15 * * * *", "0 * * * *", "* 2 * * *", "30 2 1 * *"})
    EXPECT_EQ(diagnose_at(build_zoned_job(schedule, "Europe/Berlin"), "2026-12-02T12:00Z"), "") << schedule;
  EXPECT_EQ(diagnose_at(build_zoned_job("30 2 * * *", "Asia/Kolkata"), "2026-12-02T12:00Z"), "");
  EXPECT_EQ(diagnose_at(build_zoned_job("30 2 * * *", "Europe/Berln"), "2026-12-02T12:00Z"), "") << "unknown zone";
  EXPECT_EQ(diagnose_at(test::build_schedule_job("30 2 * * *"), "2026-12-02T12:00Z"), "") << "UTC";
  // March 31st is next a last Sunday in 2030: more than three years after 2026-06, less after 2027-04.
  EXPECT_EQ(diagnose_at(build_zoned_job("30 2 31 3 *", "Europe/Berlin"), "2026-06-01T00:00Z"), "");
  EXPECT_NE(diagnose_at(build_zoned_job("30 2 31 3 *", "Europe/Berlin"), "2027-04-01T00:00Z"), "");
}

TEST(ScheduleDst, AMacroPointsAtTheWholeLiteral) {
  EXPECT_EQ(diagnose_at(build_zoned_job("@daily", "America/Santiago"), "2026-01-01T00:00Z"),
            "jobs.cpp:13:17-13:25: warning: job 'welcome-email' runs at 00:00 in America/Santiago, a time skipped "
            "when the clocks go forward from 00:00 to 01:00, first on 2026-09-06 [cron-schedule-dst]\n"
            "jobs.cpp:13:17-13:17: note: on those days it runs once at 01:00 (2026-09-06T01:00:00-03:00), the first "
            "minute after the gap\n");
}

}  // namespace
}  // namespace cronc

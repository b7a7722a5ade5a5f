#include "rules/checks.hpp"

#include "diagnostic_text.hpp"
#include "job_builder.hpp"

#include <gtest/gtest.h>

namespace cronc {
namespace {

using test::build_job;
using test::build_schedule_job;
using test::diagnose;

TEST(ScheduleUnsupported, CaretOnTheExtension) {
  EXPECT_EQ(diagnose(check_schedule_unsupported, build_schedule_job("TZ=UTC 0 4 * * *")),
            "jobs.cpp:13:18-13:24: error: 'TZ=UTC' is not supported: cronc runs every job in UTC; write the times in "
            "UTC and remove it [cron-schedule-unsupported]\n");
  EXPECT_EQ(diagnose(check_schedule_unsupported, build_schedule_job("@reboot")),
            "jobs.cpp:13:17-13:26: error: '@reboot' is not supported: cronc runs jobs on a schedule, not when the "
            "service starts [cron-schedule-unsupported]\n");
  EXPECT_EQ(diagnose(check_schedule_unsupported, build_schedule_job("0 0 0 * * *")),
            "jobs.cpp:13:17-13:30: error: the expression has 6 fields: cronc does not support a seconds field; use the "
            "five fields 'minute hour day-of-month month day-of-week' [cron-schedule-unsupported]\n");
}

TEST(ScheduleUnsupported, OtherProblemsAreNotItsConcern) {
  for (std::string schedule : {"0 4 15 * *", "@hourly", "60 * * * *", "0 0 30 2 *"})
    EXPECT_EQ(diagnose(check_schedule_unsupported, build_schedule_job(schedule)), "") << schedule;
  EXPECT_EQ(diagnose(check_schedule_unsupported, build_job({.schedule = "@reboot"})), "");
}

}  // namespace
}  // namespace cronc

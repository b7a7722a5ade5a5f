#include "rules/checks.hpp"

#include "diagnostic_text.hpp"
#include "job_builder.hpp"

#include <gtest/gtest.h>

namespace cronc {
namespace {

using test::build_job;
using test::build_schedule_job;
using test::diagnose;

TEST(ScheduleNever, PointsAtTheDaysThatNeverMeet) {
  EXPECT_EQ(diagnose(check_schedule_never, build_schedule_job("0 0 30 2 *")),
            "jobs.cpp:13:22-13:26: error: the expression never fires: day-of-month '30' does not occur in month "
            "'2' [cron-schedule-never]\n");
}

TEST(ScheduleNever, OtherProblemsAreNotItsConcern) {
  for (std::string schedule : {"0 0 29 2 *", "0 0 31 * *", "60 * * * *", "@reboot"})
    EXPECT_EQ(diagnose(check_schedule_never, build_schedule_job(schedule)), "") << schedule;
  EXPECT_EQ(diagnose(check_schedule_never, build_job({.schedule = "0 0 30 2 *"})), "");
}

}  // namespace
}  // namespace cronc

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
            "jobs.cpp:13:18-13:24: error: 'TZ=UTC' is not supported in the expression: set the job's time_zone field "
            "instead [cron-schedule-unsupported]\n"
            "jobs.cpp:13:18-13:18: note: cronc reads the expression in a zone's local time with .time_zone = \"UTC\"\n"
            "jobs.cpp:13:18-13:25: fix-it: \"\"\n"
            "jobs.cpp:13:35-13:35: fix-it: \", .time_zone = \"UTC\"\"\n");
  EXPECT_EQ(diagnose(check_schedule_unsupported, build_schedule_job("@reboot")),
            "jobs.cpp:13:17-13:26: error: '@reboot' is not supported: cronc runs jobs on a schedule, not when the "
            "service starts [cron-schedule-unsupported]\n");
  EXPECT_EQ(diagnose(check_schedule_unsupported, build_schedule_job("0 0 0 * * *")),
            "jobs.cpp:13:17-13:30: error: the expression has 6 fields: cronc does not support a seconds field; use the "
            "five fields 'minute hour day-of-month month day-of-week' [cron-schedule-unsupported]\n");
}

TEST(ScheduleUnsupported, AZonePrefixMovesToTheField) {
  EXPECT_EQ(diagnose(check_schedule_unsupported, build_schedule_job("CRON_TZ=Europe/Paris  30 2 * * *")),
            "jobs.cpp:13:18-13:38: error: 'CRON_TZ=Europe/Paris' is not supported in the expression: set the job's "
            "time_zone field instead [cron-schedule-unsupported]\n"
            "jobs.cpp:13:18-13:18: note: cronc reads the expression in a zone's local time with .time_zone = "
            "\"Europe/Paris\"\n"
            "jobs.cpp:13:18-13:40: fix-it: \"\"\n"
            "jobs.cpp:13:51-13:51: fix-it: \", .time_zone = \"Europe/Paris\"\"\n");
  // A job that already names a zone keeps it: the note says where the zone goes, and nothing is rewritten.
  EXPECT_EQ(diagnose(check_schedule_unsupported, test::build_zoned_job("TZ=Asia/Tokyo 0 9 * * *", "Europe/Paris")),
            "jobs.cpp:13:18-13:31: error: 'TZ=Asia/Tokyo' is not supported in the expression: set the job's time_zone "
            "field instead [cron-schedule-unsupported]\n"
            "jobs.cpp:13:18-13:18: note: cronc reads the expression in a zone's local time with .time_zone = "
            "\"Asia/Tokyo\"\n");
}

TEST(ScheduleUnsupported, OtherProblemsAreNotItsConcern) {
  for (std::string schedule : {"0 4 15 * *", "@hourly", "60 * * * *", "0 0 30 2 *"})
    EXPECT_EQ(diagnose(check_schedule_unsupported, build_schedule_job(schedule)), "") << schedule;
  EXPECT_EQ(diagnose(check_schedule_unsupported, build_job({.schedule = "@reboot"})), "");
}

}  // namespace
}  // namespace cronc

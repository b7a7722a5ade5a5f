#include "rules/checks.hpp"

#include "diagnostic_text.hpp"
#include "job_builder.hpp"

#include <gtest/gtest.h>

#include <ostream>

namespace cronc {
namespace {

using test::build_job;
using test::build_schedule_job;
using test::diagnose;

struct Case {
  std::string schedule;
  std::string expected;
};

/// Names a case by its schedule in test output.
void PrintTo(const Case& c, std::ostream* out) { *out << '"' << c.schedule << '"'; }

class ScheduleSyntax : public testing::TestWithParam<Case> {};

TEST_P(ScheduleSyntax, ReportsTheEngineMessageAtTheOffendingBytes) {
  EXPECT_EQ(diagnose(check_schedule_syntax, build_schedule_job(GetParam().schedule)), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Kinds, ScheduleSyntax,
    testing::Values(
        Case{"60 * * * *",
             "jobs.cpp:13:18-13:20: error: minute value 60 is out of range; use 0-59 [cron-schedule-syntax]\n"},
        Case{"0 4 * *",
             "jobs.cpp:13:17-13:26: error: the cron expression has 4 fields, expected 5: 'minute hour day-of-month "
             "month day-of-week' [cron-schedule-syntax]\n"},
        Case{"@foo",
             "jobs.cpp:13:17-13:23: error: unknown macro '@foo'; use @yearly, @annually, @monthly, @weekly, @daily, "
             "@midnight or @hourly [cron-schedule-syntax]\n"},
        Case{"0 0 * foo *",
             "jobs.cpp:13:24-13:27: error: unknown month name 'foo'; use 1-12 or jan-dec [cron-schedule-syntax]\n"},
        Case{"*/0 * * * *",
             "jobs.cpp:13:20-13:21: error: step 0 in the minute field is out of range; use a step from 1 to 59 "
             "[cron-schedule-syntax]\n"},
        Case{"",
             "jobs.cpp:13:17-13:19: error: the cron expression is empty; write five fields 'minute hour day-of-month "
             "month day-of-week', such as \"0 4 15 * *\" [cron-schedule-syntax]\n"}));

TEST(ScheduleSyntaxOfAConstant, PointsAtTheArgument) {
  JobDecl job = build_job({.every = std::nullopt});
  job.schedule = test::named_constant("60 * * * *", test::columns(13, 17, 26));
  EXPECT_EQ(diagnose(check_schedule_syntax, job),
            "jobs.cpp:13:17-13:26: error: minute value 60 is out of range; use 0-59 [cron-schedule-syntax]\n");
}

TEST(ScheduleSyntaxOfValidOrOtherwiseInvalid, IsNotItsConcern) {
  for (std::string schedule : {"0 4 15 * *", "@daily", "*/15 9-17 * * mon-fri", "@reboot", "0 0 30 2 *"})
    EXPECT_EQ(diagnose(check_schedule_syntax, build_schedule_job(schedule)), "") << schedule;
  JobDecl job = build_job({.every = std::nullopt});
  job.schedule = test::not_constant(test::columns(13, 17, 26));
  EXPECT_EQ(diagnose(check_schedule_syntax, job), "");
  EXPECT_EQ(diagnose(check_schedule_syntax, build_job({.schedule = "60 * * * *"})), "");
}

}  // namespace
}  // namespace cronc

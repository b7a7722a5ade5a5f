#include "rules/checks.hpp"

#include "diagnostic_text.hpp"
#include "job_builder.hpp"

#include <gtest/gtest.h>

namespace cronc {
namespace {

using test::build_job;
using test::columns;
using test::diagnose;

TEST(NotConstant, TitleIsReportedAtTheArgument) {
  JobDecl job = build_job();
  job.title = test::not_constant(columns(11, 14, 26));
  EXPECT_EQ(diagnose(check_not_constant, job),
            "jobs.cpp:11:14-11:26: error: the title of job 'welcome-email' is not a compile-time constant; use a "
            "string literal or a constexpr variable [cron-not-constant]\n");
}

TEST(NotConstant, OneDiagnosticPerArgumentAndTheIdItselfIsNotQuoted) {
  JobDecl job = build_job();
  job.id = test::not_constant(columns(10, 34, 40));
  job.every.text = test::not_constant(columns(12, 14, 22));
  job.schedule = test::not_constant(columns(13, 17, 28));
  EXPECT_EQ(diagnose(check_not_constant, job),
            "jobs.cpp:10:34-10:40: error: the ID of a cron::CronJob is not a compile-time constant; use a string "
            "literal or a constexpr variable [cron-not-constant]\n"
            "jobs.cpp:12:14-12:22: error: the every interval of a cron::CronJob is not a compile-time constant; use a "
            "string literal or a constexpr variable [cron-not-constant]\n"
            "jobs.cpp:13:17-13:28: error: the schedule of a cron::CronJob is not a compile-time constant; use a "
            "string literal or a constexpr variable [cron-not-constant]\n");
}

TEST(NotConstant, PoliciesAreReportedWithTheirKindOfValue) {
  JobDecl job = build_job();
  job.time_zone = test::not_constant(columns(13, 18, 30));
  job.timeout.text = test::not_constant(columns(15, 16, 25));
  job.retries = {true, false, false, 0, columns(16, 16, 26)};
  job.overlap = {true, false, false, cron::Overlap::skip, columns(17, 16, 28)};
  EXPECT_EQ(diagnose(check_not_constant, job),
            "jobs.cpp:13:18-13:30: error: the time zone of job 'welcome-email' is not a compile-time constant; use "
            "a string literal or a constexpr variable [cron-not-constant]\n"
            "jobs.cpp:15:16-15:25: error: the timeout of job 'welcome-email' is not a compile-time constant; use a "
            "string literal or a constexpr variable [cron-not-constant]\n"
            "jobs.cpp:16:16-16:26: error: the retries count of job 'welcome-email' is not a compile-time constant; "
            "use a literal or a constexpr variable [cron-not-constant]\n"
            "jobs.cpp:17:16-17:28: error: the overlap policy of job 'welcome-email' is not a compile-time constant; "
            "use a cron::Overlap value or a constexpr variable [cron-not-constant]\n");
}

TEST(NotConstant, ConstantAndAbsentArgumentsAreFine) {
  JobDecl job = build_job();
  EXPECT_EQ(diagnose(check_not_constant, job), "");
  job.title.present = false;
  job.title.constant = false;
  EXPECT_EQ(diagnose(check_not_constant, job), "");
}

}  // namespace
}  // namespace cronc

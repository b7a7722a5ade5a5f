#include "rules/checks.hpp"

#include "diagnostic_text.hpp"
#include "job_builder.hpp"

#include <gtest/gtest.h>

namespace cronc {
namespace {

using test::build_job;
using test::diagnose;

TEST(ScheduleMissing, NeitherEveryNorScheduleIsReportedAtTheName) {
  EXPECT_EQ(diagnose(check_schedule_missing, build_job({.every = std::nullopt})),
            "jobs.cpp:10:21-10:33: error: job 'welcome-email' has no schedule; set either .every (such as \"1h\") or "
            ".schedule (a cron expression such as \"0 4 * * *\") [cron-schedule-missing]\n");
}

TEST(ScheduleMissing, NamesAJobWithoutAConstantIdGenerically) {
  JobDecl job = build_job({.every = std::nullopt});
  job.id = test::not_constant(test::columns(10, 34, 37));
  EXPECT_EQ(diagnose(check_schedule_missing, job),
            "jobs.cpp:10:21-10:33: error: a cron::CronJob has no schedule; set either .every (such as \"1h\") or "
            ".schedule (a cron expression such as \"0 4 * * *\") [cron-schedule-missing]\n");
}

TEST(ScheduleMissing, EitherOneIsEnough) {
  EXPECT_EQ(diagnose(check_schedule_missing, build_job()), "");
  EXPECT_EQ(diagnose(check_schedule_missing, test::build_schedule_job("0 4 * * *")), "");
  EXPECT_EQ(diagnose(check_schedule_missing, test::build_chrono_job(7'200'000'000'000)), "");
}

}  // namespace
}  // namespace cronc

#include "rules/schedule_diagnostics.hpp"

#include "job_builder.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace cronc {
namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

TEST(FormatDuration, WholeMinutesAsEveryText) {
  EXPECT_EQ(format_duration(7 * 3600 * kSecond), "7h");
  EXPECT_EQ(format_duration(90 * 60 * kSecond), "1h30m");
  EXPECT_EQ(format_duration(13 * 60 * kSecond), "13m");
  EXPECT_EQ(format_duration(48 * 3600 * kSecond), "48h");
}

TEST(FormatDuration, OtherwiseTheLargestExactUnit) {
  EXPECT_EQ(format_duration(90 * kSecond), "90s");
  EXPECT_EQ(format_duration(500'000'000), "500ms");
  EXPECT_EQ(format_duration(61'500'000'000), "61500ms");
  EXPECT_EQ(format_duration(1'500), "1500ns");
  EXPECT_EQ(format_duration(2'000), "2us");
  EXPECT_EQ(format_duration(0), "0s");
}

TEST(FormatDuration, Negative) {
  EXPECT_EQ(format_duration(-90 * kSecond), "-90s");
  EXPECT_EQ(format_duration(-3600 * kSecond), "-1h");
  EXPECT_EQ(format_duration(std::numeric_limits<std::int64_t>::min()), "-9223372036854775808ns");
}

TEST(JobLabel, QuotesTheIdAsWritten) {
  EXPECT_EQ(job_label(test::build_job()), "job 'welcome-email'");
  EXPECT_EQ(job_label(test::build_job({.id = "sendWelcomeEmail"})), "job 'sendWelcomeEmail'");
  EXPECT_EQ(job_label(test::build_job(), "cron::CronJob"), "cron::CronJob 'welcome-email'");
}

TEST(JobLabel, SaysACronJobWhenThereIsNothingToQuote) {
  EXPECT_EQ(job_label(test::build_job({.id = ""})), "a cron::CronJob");
  JobDecl job = test::build_job();
  job.id = test::not_constant(test::columns(10, 34, 37));
  EXPECT_EQ(job_label(job, "cron::CronJob"), "a cron::CronJob");
}

}  // namespace
}  // namespace cronc

#include "rules/checks.hpp"

#include "diagnostic_text.hpp"
#include "job_builder.hpp"

#include <gtest/gtest.h>

namespace cronc {
namespace {

using test::build_job;
using test::diagnose;

/// A job (every "2h" unless `spec` says otherwise) with `.jitter = "text",` on line 15 (its quote at column 15).
JobDecl with_jitter(const std::string& text, const test::JobSpec& spec = {}) {
  JobDecl job = build_job(spec);
  job.jitter.text = test::literal(text, 15, 15);
  return job;
}

TEST(JitterInvalid, PointsAtTheCharacterThatDoesNotParse) {
  EXPECT_EQ(diagnose(check_jitter_invalid, with_jitter("5")),
            "jobs.cpp:15:17-15:17: error: invalid jitter '5'; write seconds, minutes and hours such "
            "as \"30s\", \"20m\" or \"1h30m\" [cron-jitter-invalid]\n");
  EXPECT_EQ(diagnose(check_jitter_invalid, with_jitter("5x")),
            "jobs.cpp:15:17-15:18: error: invalid jitter '5x': unexpected 'x'; write seconds, minutes and hours such "
            "as \"30s\", \"20m\" or \"1h30m\" [cron-jitter-invalid]\n");
}

TEST(JitterInvalid, SaysTheShortestGapOfAnInterval) {
  EXPECT_EQ(diagnose(check_jitter_invalid, with_jitter("10m", {.every = "10m"})),
            "jobs.cpp:15:15-15:20: error: jitter '10m' is not shorter than 10m, the shortest gap between two fire "
            "times of job 'welcome-email', so a delayed tick could start after the next one [cron-jitter-invalid]\n");
}

TEST(JitterInvalid, SaysTheShortestGapOfACronExpressionAcrossMidnight) {
  EXPECT_EQ(diagnose(check_jitter_invalid, with_jitter("4m", {.every = std::nullopt, .schedule = "2,58 0,23 * * *"})),
            "jobs.cpp:15:15-15:19: error: jitter '4m' is not shorter than 4m, the shortest gap between two fire "
            "times of job 'welcome-email', so a delayed tick could start after the next one [cron-jitter-invalid]\n");
  EXPECT_EQ(diagnose(check_jitter_invalid, with_jitter("3m59s", {.every = std::nullopt, .schedule = "2,58 0,23 * * *"})),
            "");
}

TEST(JitterInvalid, OverAnHourIsFixedToAnHourWhenThatFits) {
  EXPECT_EQ(diagnose(check_jitter_invalid, with_jitter("2h", {.every = "24h"})),
            "jobs.cpp:15:15-15:19: error: jitter '2h' is longer than 1 hour [cron-jitter-invalid]\n"
            "jobs.cpp:15:16-15:18: fix-it: \"1h\"\n");
  EXPECT_EQ(diagnose(check_jitter_invalid, with_jitter("2h", {.every = "1h"})),
            "jobs.cpp:15:15-15:19: error: jitter '2h' is longer than 1 hour [cron-jitter-invalid]\n");
}

TEST(JitterInvalid, ShortOrFractionalSeconds) {
  EXPECT_EQ(diagnose(check_jitter_invalid, with_jitter("0s")),
            "jobs.cpp:15:15-15:19: error: jitter '0s' is shorter than 1 second; leave .jitter out for none "
            "[cron-jitter-invalid]\n");
  EXPECT_EQ(diagnose(check_jitter_invalid, with_jitter("2.5s")),
            "jobs.cpp:15:15-15:21: error: jitter '2.5s' is not a whole number of seconds [cron-jitter-invalid]\n");
}

TEST(JitterInvalid, AnInvalidScheduleLeavesOnlyTheRangeRules) {
  EXPECT_EQ(diagnose(check_jitter_invalid, with_jitter("30m", {.every = "7h"})), "");
  EXPECT_EQ(diagnose(check_jitter_invalid, with_jitter("30m", {.every = "1m", .schedule = "* * * * *"})), "");
  EXPECT_EQ(diagnose(check_jitter_invalid, with_jitter("5m")), "");
  EXPECT_EQ(diagnose(check_jitter_invalid, build_job()), "");
}

}  // namespace
}  // namespace cronc

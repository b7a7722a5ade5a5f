#include "rules/checks.hpp"

#include "diagnostic_text.hpp"
#include "job_builder.hpp"

#include <gtest/gtest.h>

namespace cronc {
namespace {

using test::build_job;
using test::diagnose;

/// The job with `.timeout = "text",` on line 15 (its quote at column 16).
JobDecl with_timeout(const std::string& text) {
  JobDecl job = build_job();
  job.timeout.text = test::literal(text, 15, 16);
  return job;
}

TEST(TimeoutInvalid, PointsAtTheCharacterThatDoesNotParse) {
  EXPECT_EQ(diagnose(check_timeout_invalid, with_timeout("20 minutes")),
            "jobs.cpp:15:19-15:27: error: invalid timeout '20 minutes': unexpected ' minutes'; write seconds, minutes and "
            "hours such as \"30s\", \"20m\" or \"1h30m\" [cron-timeout-invalid]\n");
  EXPECT_EQ(diagnose(check_timeout_invalid, with_timeout("")),
            "jobs.cpp:15:16-15:18: error: invalid timeout ''; write seconds, minutes and hours such as \"30s\", "
            "\"20m\" or \"1h30m\" [cron-timeout-invalid]\n");
}

TEST(TimeoutInvalid, LongerThanADayIsFixedToADay) {
  EXPECT_EQ(diagnose(check_timeout_invalid, with_timeout("25h")),
            "jobs.cpp:15:16-15:21: error: timeout '25h' is longer than 24 hours [cron-timeout-invalid]\n"
            "jobs.cpp:15:17-15:20: fix-it: \"24h\"\n");
}

TEST(TimeoutInvalid, ShortOrFractionalSecondsAndChronoValues) {
  EXPECT_EQ(diagnose(check_timeout_invalid, with_timeout("500ms")),
            "jobs.cpp:15:16-15:23: error: timeout '500ms' is shorter than 1 second [cron-timeout-invalid]\n");
  EXPECT_EQ(diagnose(check_timeout_invalid, with_timeout("1.5s")),
            "jobs.cpp:15:16-15:22: error: timeout '1.5s' is not a whole number of seconds [cron-timeout-invalid]\n");
  JobDecl job = build_job();
  job.timeout.text = test::named_constant("", test::columns(15, 16, 40));
  job.timeout.nanoseconds = std::int64_t{25} * 3600 * 1'000'000'000;
  EXPECT_EQ(diagnose(check_timeout_invalid, job),
            "jobs.cpp:15:16-15:40: error: timeout '25h' is longer than 24 hours [cron-timeout-invalid]\n");
}

TEST(TimeoutInvalid, ValidAbsentOrNotConstantIsNotItsConcern) {
  for (std::string timeout : {"1s", "30s", "20m", "1h30m", "24h"})
    EXPECT_EQ(diagnose(check_timeout_invalid, with_timeout(timeout)), "") << timeout;
  EXPECT_EQ(diagnose(check_timeout_invalid, build_job()), "");
  JobDecl job = build_job();
  job.timeout.text = test::not_constant(test::columns(15, 16, 30));
  EXPECT_EQ(diagnose(check_timeout_invalid, job), "");
}

}  // namespace
}  // namespace cronc

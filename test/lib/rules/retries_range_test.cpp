#include "rules/checks.hpp"

#include "diagnostic_text.hpp"
#include "job_builder.hpp"

#include <gtest/gtest.h>

namespace cronc {
namespace {

using test::build_job;
using test::diagnose;

/// The job with `.retries = value,` on line 15 (the value at column 16).
JobDecl with_retries(int value, unsigned width, bool literal = true) {
  JobDecl job = build_job();
  job.retries = {true, true, literal, value, test::columns(15, 16, 16 + width)};
  return job;
}

TEST(RetriesRange, ALiteralIsFixedToTheNearerBound) {
  EXPECT_EQ(diagnose(check_retries_range, with_retries(11, 2)),
            "jobs.cpp:15:16-15:18: error: 11 retries is outside 0 to 10; retries are the attempts after the first "
            "[cron-retries-range]\n"
            "jobs.cpp:15:16-15:18: fix-it: \"10\"\n");
  EXPECT_EQ(diagnose(check_retries_range, with_retries(-1, 2)),
            "jobs.cpp:15:16-15:18: error: -1 retries is outside 0 to 10; retries are the attempts after the first "
            "[cron-retries-range]\n"
            "jobs.cpp:15:16-15:18: fix-it: \"0\"\n");
}

TEST(RetriesRange, NoFixItForANamedConstant) {
  EXPECT_EQ(diagnose(check_retries_range, with_retries(20, 8, false)),
            "jobs.cpp:15:16-15:24: error: 20 retries is outside 0 to 10; retries are the attempts after the first "
            "[cron-retries-range]\n");
}

TEST(RetriesRange, InRangeAbsentOrNotConstantIsFine) {
  EXPECT_EQ(diagnose(check_retries_range, with_retries(0, 1)), "");
  EXPECT_EQ(diagnose(check_retries_range, with_retries(10, 2)), "");
  EXPECT_EQ(diagnose(check_retries_range, build_job()), "");
  JobDecl job = with_retries(99, 2);
  job.retries.constant = false;
  EXPECT_EQ(diagnose(check_retries_range, job), "");
}

}  // namespace
}  // namespace cronc

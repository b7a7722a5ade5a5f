#include "rules/checks.hpp"

#include "diagnostic_text.hpp"
#include "job_builder.hpp"

#include <gtest/gtest.h>

namespace cronc {
namespace {

using test::build_chrono_job;
using test::build_job;
using test::diagnose;

TEST(EveryRange, UnderlinesTheWholeValue) {
  EXPECT_EQ(diagnose(check_every_range, build_job({.every = "90s"})),
            "jobs.cpp:12:14-12:19: error: interval '90s' is not a whole number of minutes [cron-every-range]\n");
  EXPECT_EQ(diagnose(check_every_range, build_job({.every = "30s"})),
            "jobs.cpp:12:14-12:19: error: interval '30s' is shorter than 1 minute [cron-every-range]\n");
  EXPECT_EQ(diagnose(check_every_range, build_job({.every = "1h1441m"})),
            "jobs.cpp:12:14-12:23: error: interval '1h1441m' is longer than 24 hours [cron-every-range]\n");
}

TEST(EveryRange, ChronoDurationsAreQuotedAsAUserWouldWriteThem) {
  EXPECT_EQ(diagnose(check_every_range, build_chrono_job(90'000'000'000)),
            "jobs.cpp:12:14-12:35: error: interval '90s' is not a whole number of minutes [cron-every-range]\n");
  EXPECT_EQ(diagnose(check_every_range, build_chrono_job(500'000'000)),
            "jobs.cpp:12:14-12:35: error: interval '500ms' is shorter than 1 minute [cron-every-range]\n");
  EXPECT_EQ(diagnose(check_every_range, build_chrono_job(48 * 3'600'000'000'000)),
            "jobs.cpp:12:14-12:35: error: interval '48h' is longer than 24 hours [cron-every-range]\n");
}

TEST(EveryRange, OtherProblemsAreNotItsConcern) {
  for (std::string every : {"1m", "2h", "24h", "7h", "2x"})
    EXPECT_EQ(diagnose(check_every_range, build_job({.every = every})), "") << every;
  EXPECT_EQ(diagnose(check_every_range, build_job({.every = "30s", .schedule = "0 4 * * *"})), "");
}

}  // namespace
}  // namespace cronc

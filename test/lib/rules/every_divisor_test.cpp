#include "rules/checks.hpp"

#include "diagnostic_text.hpp"
#include "job_builder.hpp"

#include <gtest/gtest.h>

namespace cronc {
namespace {

using test::build_job;
using test::diagnose;

TEST(EveryDivisor, NotesBothNeighboursAndGivesNoFixItOnATie) {
  EXPECT_EQ(diagnose(check_every_divisor, build_job({.every = "7h"})),
            "jobs.cpp:12:14-12:18: error: interval '7h' does not divide 24 hours evenly [cron-every-divisor]\n"
            "jobs.cpp:12:14-12:14: note: the nearest valid intervals are \"6h\" and \"8h\"\n");
}

TEST(EveryDivisor, FixesALiteralToTheNearerInterval) {
  EXPECT_EQ(diagnose(check_every_divisor, build_job({.every = "13m"})),
            "jobs.cpp:12:14-12:19: error: interval '13m' does not divide 24 hours evenly [cron-every-divisor]\n"
            "jobs.cpp:12:14-12:14: note: the nearest valid intervals are \"12m\" and \"15m\"\n"
            "jobs.cpp:12:15-12:18: fix-it: \"12m\"\n");
  EXPECT_EQ(diagnose(check_every_divisor, build_job({.every = "1h50m"})),
            "jobs.cpp:12:14-12:21: error: interval '1h50m' does not divide 24 hours evenly [cron-every-divisor]\n"
            "jobs.cpp:12:14-12:14: note: the nearest valid intervals are \"1h36m\" and \"2h\"\n"
            "jobs.cpp:12:15-12:20: fix-it: \"2h\"\n");
}

TEST(EveryDivisor, NoFixItWithoutALiteral) {
  JobDecl job = build_job();
  job.every.text = test::named_constant("13m", test::columns(12, 14, 25));
  EXPECT_EQ(diagnose(check_every_divisor, job),
            "jobs.cpp:12:14-12:25: error: interval '13m' does not divide 24 hours evenly [cron-every-divisor]\n"
            "jobs.cpp:12:14-12:14: note: the nearest valid intervals are \"12m\" and \"15m\"\n");
  EXPECT_EQ(diagnose(check_every_divisor, test::build_chrono_job(13 * 60'000'000'000)),
            "jobs.cpp:12:14-12:35: error: interval '13m' does not divide 24 hours evenly [cron-every-divisor]\n"
            "jobs.cpp:12:14-12:14: note: the nearest valid intervals are \"12m\" and \"15m\"\n");
}

TEST(EveryDivisor, OtherProblemsAreNotItsConcern) {
  for (std::string every : {"1m", "90m", "72m", "8h", "24h", "90s", "25h", "2x"})
    EXPECT_EQ(diagnose(check_every_divisor, build_job({.every = every})), "") << every;
  EXPECT_EQ(diagnose(check_every_divisor, build_job({.every = "7h", .schedule = "0 4 * * *"})), "");
}

}  // namespace
}  // namespace cronc

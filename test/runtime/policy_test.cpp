// The per-job policy rules the header, the analyzer and the runtime share: the shortest gap between fire times
// (which bounds a jitter) and the timeout and jitter ranges.

#include <cron/policy.hpp>
#include <cron/schedule.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

int gap(const std::string& expression) {
  auto schedule = cron::Schedule::cron(expression);
  EXPECT_TRUE(schedule) << expression;
  return schedule.value().shortest_gap_minutes();
}

// Evaluated at compile time too: the header's jitter check needs it in a consteval constructor.
static_assert(cron::Schedule::cron("*/5 * * * *").value().shortest_gap_minutes() == 5);
static_assert(cron::Schedule::every("90m").value().shortest_gap_minutes() == 90);

TEST(ShortestGap, WithinAnHour) {
  EXPECT_EQ(gap("*/5 * * * *"), 5);
  EXPECT_EQ(gap("0,10,15 * * * *"), 5);
  EXPECT_EQ(gap("* * * * *"), 1);
}

TEST(ShortestGap, AcrossHoursAndMidnight) {
  EXPECT_EQ(gap("50 9,10 * * *"), 60);
  EXPECT_EQ(gap("0,50 9,10 * * *"), 10);    // 09:50 to 10:00
  EXPECT_EQ(gap("2,58 0,23 * * *"), 4);     // 23:58 to 00:02 the next day
  EXPECT_EQ(gap("0 0,12 * * *"), 720);
}

TEST(ShortestGap, OnceADay) {
  EXPECT_EQ(gap("@daily"), 1440);
  EXPECT_EQ(gap("0 9 * * mon-fri"), 1440);  // Monday to Tuesday
  EXPECT_EQ(gap("0 0 1,31 * *"), 1440);     // the 31st to the 1st of the next month
}

TEST(ShortestGap, LongerThanADayIsZero) {
  EXPECT_EQ(gap("0 9 1 * *"), 0);
  EXPECT_EQ(gap("@weekly"), 0);
  EXPECT_EQ(gap("0 9 * * mon,wed"), 0);
  EXPECT_EQ(gap("0 0 31 1 *"), 0);          // January 31st, February 1st does not match
  EXPECT_EQ(gap("0 0 1,31 1,2 *"), 1440);   // January 31st and February 1st both match
  EXPECT_EQ(gap("0 0 29 2 *"), 0);
  EXPECT_EQ(gap("0 0 28,29 2 *"), 1440);    // in leap years
  EXPECT_EQ(gap("0 0 31 12 *"), 0);
  EXPECT_EQ(gap("0 0 1,31 1,12 *"), 1440);  // New Year's Eve to New Year's Day
  EXPECT_EQ(gap("0 0 1 * sun"), 1440);      // either day field matches: a Sunday, then Monday the 1st
  EXPECT_EQ(gap("0 0 13 * fri"), 1440);     // Thursday the 13th, then Friday 14th
}

TEST(TimeoutLength, FromOneSecondToADayInWholeSeconds) {
  using cron::PolicyDurationProblem;
  EXPECT_EQ(cron::check_timeout_length(kSecond), PolicyDurationProblem::none);
  EXPECT_EQ(cron::check_timeout_length(24 * 3600 * kSecond), PolicyDurationProblem::none);
  EXPECT_EQ(cron::check_timeout_length(24 * 3600 * kSecond + kSecond), PolicyDurationProblem::too_long);
  EXPECT_EQ(cron::check_timeout_length(kSecond - 1), PolicyDurationProblem::too_short);
  EXPECT_EQ(cron::check_timeout_length(-kSecond), PolicyDurationProblem::too_short);
  EXPECT_EQ(cron::check_timeout_length(kSecond + 1), PolicyDurationProblem::not_whole_seconds);
}

TEST(JitterLength, UpToAnHourAndShorterThanTheGap) {
  using cron::PolicyDurationProblem;
  EXPECT_EQ(cron::check_jitter_length(3600 * kSecond, 0), PolicyDurationProblem::none);
  EXPECT_EQ(cron::check_jitter_length(3601 * kSecond, 0), PolicyDurationProblem::too_long);
  EXPECT_EQ(cron::check_jitter_length(0, 0), PolicyDurationProblem::too_short);
  EXPECT_EQ(cron::check_jitter_length(299 * kSecond, 5), PolicyDurationProblem::none);
  EXPECT_EQ(cron::check_jitter_length(300 * kSecond, 5), PolicyDurationProblem::not_shorter_than_gap);
  EXPECT_EQ(cron::check_jitter_length(kSecond / 2, 5), PolicyDurationProblem::too_short);
  EXPECT_EQ(cron::check_jitter_length(kSecond * 3 / 2, 5), PolicyDurationProblem::not_whole_seconds);
}

TEST(Retries, ZeroToTen) {
  EXPECT_TRUE(cron::retries_in_range(0));
  EXPECT_TRUE(cron::retries_in_range(10));
  EXPECT_FALSE(cron::retries_in_range(11));
  EXPECT_FALSE(cron::retries_in_range(-1));
}

}  // namespace

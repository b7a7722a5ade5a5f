#include "rules/checks.hpp"

#include "diagnostic_text.hpp"
#include "job_builder.hpp"

#include <gtest/gtest.h>

namespace cronc {
namespace {

using test::build_job;
using test::diagnose;

/// An `.every` job with `.time_zone` on line 13, `    .time_zone = "Europe/Berlin",` (the quote at column 18).
JobDecl every_job_in_berlin(std::optional<std::string> every) {
  JobDecl job = build_job({.every = std::move(every)});
  job.time_zone = test::literal("Europe/Berlin", 13, 18);
  return job;
}

/// The note of the diagnostic for an `.every` of `every` in Berlin.
std::string note_for(const char* every) {
  std::string text = diagnose(check_time_zone_every, every_job_in_berlin(every));
  auto begin = text.find("note: ");
  return begin == std::string::npos ? text : text.substr(begin + 6);
}

TEST(TimeZoneEvery, ErrorAtTheZoneWithTheScheduleOfTheSameTimesOfDay) {
  EXPECT_EQ(diagnose(check_time_zone_every, every_job_in_berlin("2h")),
            "jobs.cpp:13:18-13:33: error: job 'welcome-email' sets .time_zone with .every, which always runs from "
            "00:00 UTC; use a .schedule read in that zone instead [cron-time-zone-every]\n"
            "jobs.cpp:12:14-12:18: note: .schedule = \"0 */2 * * *\" fires at the same times of day in the zone's "
            "wall time\n");
}

TEST(TimeZoneEvery, SuggestsMinuteStepsHoursAndDays) {
  EXPECT_EQ(note_for("15m"), ".schedule = \"*/15 * * * *\" fires at the same times of day in the zone's wall time\n");
  EXPECT_EQ(note_for("1h"), ".schedule = \"0 * * * *\" fires at the same times of day in the zone's wall time\n");
  EXPECT_EQ(note_for("24h"), ".schedule = \"0 0 * * *\" fires at the same times of day in the zone's wall time\n");
}

TEST(TimeZoneEvery, AnIntervalNoExpressionMatchesSuggestsListingTheTimes) {
  const std::string list = "no single cron expression fires at these times of day; list the times, such as "
                           "\"0 9,17 * * *\"\n";
  EXPECT_EQ(note_for("90m"), list);
  EXPECT_EQ(note_for("7h"), list) << "an invalid interval (cron-every-divisor's) suggests nothing of its own";
}

TEST(TimeZoneEvery, AZonedScheduleAndAUtcIntervalAreFine) {
  EXPECT_EQ(diagnose(check_time_zone_every, test::build_zoned_job("30 2 * * *", "Europe/Berlin")), "");
  EXPECT_EQ(diagnose(check_time_zone_every, build_job()), "");
}

TEST(TimeZoneEvery, BothEveryAndScheduleIsTheConflictRulesAlone) {
  JobDecl job = every_job_in_berlin("2h");
  job.schedule = test::literal("0 4 * * *", 14, 17);
  EXPECT_EQ(diagnose(check_time_zone_every, job), "");
}

}  // namespace
}  // namespace cronc

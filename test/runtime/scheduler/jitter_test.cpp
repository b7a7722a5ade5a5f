// The jitter delay: stable for a (job, tick), within [0, jitter), and spread across ticks and jobs.

#include "scheduler/jitter.hpp"

#include <cron/schedule.hpp>

#include <gtest/gtest.h>

#include <set>

namespace cron::scheduler {
namespace {

using std::chrono::seconds;
using std::chrono::sys_seconds;

sys_seconds at(const char* text) {
  sys_seconds time;
  EXPECT_TRUE(parse_utc(text, time)) << text;
  return time;
}

TEST(Jitter, TheSameTickGetsTheSameDelayEveryTime) {
  // Fixed values: a change to the hash would move every deployed job's start times, so it must be deliberate.
  EXPECT_EQ(jitter_delay("nightly-report", at("2026-03-01T02:30:00Z"), seconds(300)),
            jitter_delay("nightly-report", at("2026-03-01T02:30:00Z"), seconds(300)));
  EXPECT_EQ(jitter_delay("nightly-report", at("2026-03-01T02:30:00Z"), seconds(300)), seconds(37));
  EXPECT_EQ(jitter_delay("welcome-email", at("2026-03-01T10:00:00Z"), seconds(3600)), seconds(2519));
}

TEST(Jitter, StaysBelowTheJitterAndSpreadsOverIt) {
  std::set<seconds::rep> delays;
  sys_seconds tick = at("2026-01-01T00:00:00Z");
  for (int minute = 0; minute < 2000; ++minute) {
    seconds delay = jitter_delay("sweep", tick + std::chrono::minutes(minute), seconds(60));
    EXPECT_GE(delay.count(), 0);
    EXPECT_LT(delay.count(), 60);
    delays.insert(delay.count());
  }
  EXPECT_EQ(delays.size(), 60u) << "2000 ticks should reach every second of a one-minute jitter";
}

TEST(Jitter, DiffersBetweenJobsAtOneTick) {
  sys_seconds tick = at("2026-03-01T10:00:00Z");
  std::set<seconds::rep> delays;
  for (const char* id : {"a", "b", "c", "d", "e", "f", "g", "h"})
    delays.insert(jitter_delay(id, tick, seconds(3600)).count());
  EXPECT_GT(delays.size(), 6u);
}

TEST(Jitter, NoJitterIsNoDelay) {
  EXPECT_EQ(jitter_delay("sweep", at("2026-03-01T10:00:00Z"), seconds(0)), seconds(0));
}

}  // namespace
}  // namespace cron::scheduler

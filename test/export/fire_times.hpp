#pragma once
/// Fire times by cronc's own engine, for proving that an export fires exactly when the job does.

#include <cron/schedule.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

namespace cronc::testing {

inline std::chrono::sys_seconds utc(const char* text) {
  std::chrono::sys_seconds time;
  EXPECT_TRUE(cron::parse_utc(text, time)) << text;
  return time;
}

/// The fire times of all `schedules` together, strictly after `after` and up to `until`, in order, each once.
inline std::vector<std::chrono::sys_seconds> fire_times(const std::vector<cron::Schedule>& schedules,
                                                        std::chrono::sys_seconds after,
                                                        std::chrono::sys_seconds until) {
  std::vector<std::chrono::sys_seconds> times;
  for (const cron::Schedule& schedule : schedules)
    for (auto time = schedule.next(after); time <= until; time = schedule.next(time)) times.push_back(time);
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  return times;
}

/// The first `count` fire times of `schedule` strictly after `after`.
inline std::vector<std::chrono::sys_seconds> next_times(const cron::Schedule& schedule, std::chrono::sys_seconds after,
                                                        int count) {
  std::vector<std::chrono::sys_seconds> times;
  for (auto time = after; static_cast<int>(times.size()) < count;) times.push_back(time = schedule.next(time));
  return times;
}

/// A cron expression a test wrote, parsed; fails the test when it does not parse.
inline cron::Schedule cron_schedule(const std::string& expression) {
  auto schedule = cron::Schedule::cron(expression);
  EXPECT_TRUE(schedule) << "'" << expression << "' does not parse";
  return schedule ? schedule.value() : cron::Schedule();
}

/// Where the times differ first, for a readable failure.
inline std::string first_difference(const std::vector<std::chrono::sys_seconds>& expected,
                                    const std::vector<std::chrono::sys_seconds>& actual) {
  for (std::size_t i = 0; i < std::min(expected.size(), actual.size()); ++i)
    if (expected[i] != actual[i])
      return "time #" + std::to_string(i) + ": expected " + cron::format_utc(expected[i]) + ", got " +
             cron::format_utc(actual[i]);
  return "lengths " + std::to_string(expected.size()) + " and " + std::to_string(actual.size());
}

}  // namespace cronc::testing

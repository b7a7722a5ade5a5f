#pragma once
// A UTC time written as `2026-03-01T10:00:00Z`, for the runtime's tests on the manual clock.

#include <cron/schedule.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <string_view>

namespace cron::test {

inline std::chrono::sys_seconds utc(std::string_view text) {
  std::chrono::sys_seconds time;
  EXPECT_TRUE(parse_utc(text, time)) << text;
  return time;
}

}  // namespace cron::test

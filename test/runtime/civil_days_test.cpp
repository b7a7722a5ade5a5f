// The engine's calendar arithmetic (runtime/src/schedule/civil_days.hpp) against std::chrono's: every day from
// 1600 to 2500 and a day in every 9,973 of chrono's years (-32,767 to 32,767); before and past them, over the
// whole range the engine answers for, each sampled day must be followed by the next date.

#include "schedule/civil_days.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace cron::detail {
namespace {

using namespace std::chrono;

void expect_same_as_chrono(std::int64_t day) {
  const year_month_day expected{sys_days{days{day}}};
  const CivilDate date = civil_from_days(day);
  ASSERT_EQ(date.year, static_cast<int>(expected.year())) << "day " << day;
  ASSERT_EQ(date.month, static_cast<int>(static_cast<unsigned>(expected.month()))) << "day " << day;
  ASSERT_EQ(date.day, static_cast<int>(static_cast<unsigned>(expected.day()))) << "day " << day;
  ASSERT_EQ(weekday_of(day), static_cast<int>(weekday{sys_days{days{day}}}.c_encoding())) << "day " << day;
  ASSERT_EQ(is_leap(date.year), static_cast<bool>(expected.year().is_leap())) << "day " << day;
  ASSERT_EQ(date.day - 1 + days_before_month(date.month, is_leap(date.year)),
            (sys_days{days{day}} - sys_days{expected.year() / 1 / 1}).count()) << "day " << day;
  ASSERT_EQ(month_length(date.month, is_leap(date.year)),
            static_cast<int>(static_cast<unsigned>((expected.year() / expected.month() / last).day())));
}

TEST(CivilDays, AgreeWithChronoOnEveryDayFrom1600To2500) {
  const auto first = sys_days{year{1600} / 1 / 1}.time_since_epoch().count();
  const auto last = sys_days{year{2500} / 12 / 31}.time_since_epoch().count();
  for (std::int64_t day = first; day <= last; ++day) expect_same_as_chrono(day);
}

TEST(CivilDays, AgreeWithChronoOverChronosYears) {
  const auto last = sys_days{year::max() / 12 / 31}.time_since_epoch().count();
  const auto first = sys_days{year::min() / 1 / 1}.time_since_epoch().count();
  for (std::int64_t day = first; day <= last; day += 9973) expect_same_as_chrono(day);
  expect_same_as_chrono(last);
}

/// The date after `date`.
CivilDate following(CivilDate date) {
  if (date.day < month_length(date.month, is_leap(date.year))) return {date.year, date.month, date.day + 1};
  if (date.month < 12) return {date.year, date.month + 1, 1};
  return {date.year + 1, 1, 1};
}

TEST(CivilDays, CountOnToTheEndOfTheRange) {
  const std::int64_t end = kLastCivilDay + 60 * 366;
  const auto before_chrono = sys_days{year::min() / 1 / 1}.time_since_epoch().count();
  const auto after_chrono = sys_days{year::max() / 12 / 31}.time_since_epoch().count();
  for (std::int64_t day = kFirstCivilDay; day < end;
       day = day + 9973 < before_chrono ? day + 9973 : std::max(day + 9973, after_chrono)) {
    const CivilDate date = civil_from_days(day);
    const CivilDate next = civil_from_days(day + 1);
    const CivilDate expected = following(date);
    ASSERT_TRUE(next.year == expected.year && next.month == expected.month && next.day == expected.day) << day;
    ASSERT_EQ(weekday_of(day + 1), (weekday_of(day) + 1) % 7);
  }
  EXPECT_GT(civil_from_days(end).year, 2739000);
}

}  // namespace
}  // namespace cron::detail

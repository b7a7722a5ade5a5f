#include "export/fire_time_cover.hpp"

#include "fire_times.hpp"

#include <cron/every.hpp>

#include <gtest/gtest.h>

#include <set>

namespace cronc {
namespace {

using testing::cron_schedule;
using testing::fire_times;
using testing::first_difference;
using testing::utc;

cron::Schedule every(int minutes) { return cron::Schedule::every_minutes(minutes).value(); }

std::vector<std::string> portable_cover(const cron::Schedule& schedule) {
  std::vector<std::string> expressions;
  for (const cron::CronFields& fields : cron_cover(schedule))
    expressions.push_back(portable_cron(fields).value_or("?"));
  return expressions;
}

std::vector<int> divisors_of_a_day() {
  std::vector<int> divisors;
  for (int minutes = 1; minutes <= 1440; ++minutes)
    if (1440 % minutes == 0) divisors.push_back(minutes);
  return divisors;
}

TEST(EveryCover, NinetyMinutesNeedsTwoCronExpressions) {
  EXPECT_EQ(portable_cover(every(90)), (std::vector<std::string>{"0 */3 * * *", "30 1-22/3 * * *"}));
}

TEST(EveryCover, SeventyTwoMinutesNeedsFive) {
  EXPECT_EQ(portable_cover(every(72)), (std::vector<std::string>{"0 */6 * * *", "12 1-19/6 * * *", "24 2-20/6 * * *",
                                                                 "36 3-21/6 * * *", "48 4-22/6 * * *"}));
}

TEST(EveryCover, IntervalsThatDivideAnHourOrADayNeedOne) {
  EXPECT_EQ(portable_cover(every(1)), (std::vector<std::string>{"* * * * *"}));
  EXPECT_EQ(portable_cover(every(15)), (std::vector<std::string>{"*/15 * * * *"}));
  EXPECT_EQ(portable_cover(every(60)), (std::vector<std::string>{"0 * * * *"}));
  EXPECT_EQ(portable_cover(every(120)), (std::vector<std::string>{"0 */2 * * *"}));
  EXPECT_EQ(portable_cover(every(1440)), (std::vector<std::string>{"0 0 * * *"}));
  EXPECT_EQ(portable_cover(every(45)),
            (std::vector<std::string>{"0,45 */3 * * *", "30 1-22/3 * * *", "15 2-23/3 * * *"}));
}

// The union of each cover's expressions, parsed back and run by cronc's engine, fires exactly when the interval
// does, for all 36 intervals that divide a day, over a leap year.
TEST(EveryCover, EveryIntervalIsExactOverAYear) {
  const auto after = utc("2023-12-31T23:59:59Z");
  const auto until = utc("2024-12-31T23:59:00Z");
  for (int minutes : divisors_of_a_day()) {
    std::vector<cron::Schedule> cover;
    for (const std::string& expression : portable_cover(every(minutes))) cover.push_back(cron_schedule(expression));
    auto expected = fire_times({every(minutes)}, after, until);
    auto actual = fire_times(cover, after, until);
    EXPECT_EQ(expected.size(), 366u * 1440u / static_cast<unsigned>(minutes)) << minutes;
    EXPECT_TRUE(expected == actual) << "every " << minutes << " minutes: " << first_difference(expected, actual);
  }
}

// Fewest possible: one fire time from each expression of the cover, no two of which one expression can hold,
// since a cron expression fires at every (hour, minute) pair of its hours and minutes, and for any two of these
// times one of the crossed pairs is not a fire time. So no cover has fewer expressions.
TEST(EveryCover, NoCoverHasFewerExpressions) {
  for (int minutes : divisors_of_a_day()) {
    auto fires = [&](int hour, int minute) { return (hour * 60 + minute) % minutes == 0; };
    std::vector<std::pair<int, int>> witnesses;
    for (const cron::CronFields& fields : cron_cover(every(minutes))) {
      int hour = std::countr_zero(fields.hours);
      int minute = std::countr_zero(fields.minutes);
      ASSERT_TRUE(fires(hour, minute)) << minutes;
      witnesses.emplace_back(hour, minute);
    }
    for (std::size_t i = 0; i < witnesses.size(); ++i)
      for (std::size_t j = i + 1; j < witnesses.size(); ++j) {
        auto [h1, m1] = witnesses[i];
        auto [h2, m2] = witnesses[j];
        EXPECT_FALSE(fires(h1, m2) && fires(h2, m1)) << "every " << minutes << ": " << h1 << ":" << m1 << " and "
                                                     << h2 << ":" << m2 << " fit one expression";
      }
  }
}

TEST(EveryCover, ExpressionsNeverFireAtTheSameMinute) {
  for (int minutes : divisors_of_a_day()) {
    auto cover = cron_cover(every(minutes));
    for (std::size_t i = 0; i < cover.size(); ++i)
      for (std::size_t j = i + 1; j < cover.size(); ++j)
        EXPECT_FALSE((cover[i].hours & cover[j].hours) && (cover[i].minutes & cover[j].minutes)) << minutes;
  }
}

struct Portable {
  const char* written;
  const char* portable;  ///< nullptr: robfig/cron cannot say it
};

const Portable kPortableCases[] = {
    {"0 4 15 * *", "0 4 15 * *"},
    {"30 9 * * mon-fri", "30 9 * * 1-5"},
    {"0 10 * * 6,7", "0 10 * * 0,6"},
    {"0 0 * * sun", "0 0 * * 0"},
    {"@weekly", "0 0 * * 0"},
    {"@hourly", "0 * * * *"},
    {"15 6 1 jan,apr,jul,oct *", "15 6 1 */3 *"},
    {"0 0 * jan,mar-may *", "0 0 * 1,3-5 *"},
    {"5/15 8-18 * * *", "5-50/15 8-18 * * *"},
    {"*/7 * * * *", "*/7 * * * *"},
    {"0 0 29 2 *", "0 0 29 2 *"},
    // cronie: both day fields restricted, so either may match; robfig/cron reads them the same way.
    {"0 12 1-7 * 1", "0 12 1-7 * 1"},
    {"0 12 1-31 * 1", "0 12 * * *"},
    // cronie counts `*/2` as `*` for the day rule (so the weekday field alone decides with it); robfig/cron does
    // not. Spelled without the star, the day of month still intersects with an unrestricted weekday.
    {"0 0 */2 * *", "0 0 1-31/2 * *"},
    {"0 0 * * */2", "0 0 * * 0-6/2"},
    {"0 0 ? * 1", "0 0 * * 1"},
    // Odd days that are Mondays: no robfig/cron expression means that.
    {"0 0 */2 * 1", nullptr},
    {"0 0 1-7 * */2", nullptr},
};

TEST(PortableCron, SpellsEachFieldOneWay) {
  for (const Portable& test : kPortableCases) {
    auto spelled = portable_cron(cron_schedule(test.written).fields());
    if (test.portable == nullptr) {
      EXPECT_FALSE(spelled) << test.written << " became " << spelled.value_or("");
    } else {
      EXPECT_EQ(spelled.value_or("(none)"), test.portable) << test.written;
    }
  }
}

// The spelling is the same schedule to cronc's engine (over five years with a leap day), and avoids everything
// robfig/cron reads differently: names, 7 for Sunday, and a day field starting with `*` unless it is only `*`.
TEST(PortableCron, MeansTheSameToCronieAndRobfigCron) {
  const auto after = utc("2023-12-31T23:59:59Z");
  const auto until = utc("2028-12-31T23:59:00Z");
  for (const Portable& test : kPortableCases) {
    if (test.portable == nullptr) continue;
    auto written = cron_schedule(test.written);
    auto expected = fire_times({written}, after, until);
    auto actual = fire_times({cron_schedule(test.portable)}, after, until);
    EXPECT_TRUE(expected == actual) << test.written << ": " << first_difference(expected, actual);

    std::vector<std::string> fields;
    std::string rest = test.portable;
    for (std::size_t space; (space = rest.find(' ')) != std::string::npos; rest.erase(0, space + 1))
      fields.push_back(rest.substr(0, space));
    fields.push_back(rest);
    ASSERT_EQ(fields.size(), 5u);
    EXPECT_EQ(fields[4].find('7'), std::string::npos) << test.portable;
    EXPECT_EQ(std::string(test.portable).find_first_of("abcdefghijklmnopqrstuvwxyz?"), std::string::npos);
    for (const std::string& day_field : {fields[2], fields[4]})
      EXPECT_TRUE(day_field == "*" || day_field[0] != '*') << test.portable;
  }
}

TEST(OnCalendar, SpellsSystemdCalendarEventsInUtc) {
  auto lines = [](const char* expression) { return on_calendar_lines(cron_schedule(expression).fields()); };
  using Lines = std::vector<std::string>;
  EXPECT_EQ(lines("0 4 15 * *"), (Lines{"*-*-15 04:00:00 UTC"}));
  EXPECT_EQ(lines("30 9 * * mon-fri"), (Lines{"Mon..Fri *-*-* 09:30:00 UTC"}));
  EXPECT_EQ(lines("0 10 * * 6,7"), (Lines{"Sat,Sun *-*-* 10:00:00 UTC"}));
  EXPECT_EQ(lines("0 10 * * 5,6,0"), (Lines{"Fri..Sun *-*-* 10:00:00 UTC"}));
  EXPECT_EQ(lines("15 6 1 jan,apr,jul,oct *"), (Lines{"*-01/3-01 06:15:00 UTC"}));
  EXPECT_EQ(lines("5/15 8-18 * * *"), (Lines{"*-*-* 08..18:05/15:00 UTC"}));
  EXPECT_EQ(lines("*/10 */6 * * *"), (Lines{"*-*-* 00/6:00/10:00 UTC"}));
  EXPECT_EQ(lines("0 0 29 2 *"), (Lines{"*-02-29 00:00:00 UTC"}));
  EXPECT_EQ(lines("0 0 */2 * 1"), (Lines{"Mon *-*-01/2 00:00:00 UTC"}));
  // Both day fields restricted: cron fires when either matches, systemd when both do, so one line each.
  EXPECT_EQ(lines("0 12 1-7 * 1"), (Lines{"*-*-01..07 12:00:00 UTC", "Mon *-*-* 12:00:00 UTC"}));
  // ... except a day-of-month line that can never fire (no February 30th).
  EXPECT_EQ(lines("0 12 30 2 1"), (Lines{"Mon *-02-* 12:00:00 UTC"}));
}

TEST(OnCalendar, EveryIntervalGetsALinePerCronExpression) {
  std::vector<std::string> lines;
  for (const cron::CronFields& fields : cron_cover(every(90)))
    for (const std::string& line : on_calendar_lines(fields)) lines.push_back(line);
  EXPECT_EQ(lines, (std::vector<std::string>{"*-*-* 00/3:00:00 UTC", "*-*-* 01/3:30:00 UTC"}));
}

}  // namespace
}  // namespace cronc

// Schedule::describe(): the English shown in the dashboard and by `cronc explain`, checked against what a
// person would write. Each description must also be true: it says what cronie's rules make the schedule do.

#include <cron/schedule.hpp>

#include <gtest/gtest.h>

#include <ostream>
#include <string>

namespace cron {
namespace {

struct Description {
  const char* schedule;  // "every 2h" or a cron expression
  const char* english;
};

void PrintTo(const Description& d, std::ostream* out) { *out << '"' << d.schedule << '"'; }

class Describes : public testing::TestWithParam<Description> {};

TEST_P(Describes, InPlainEnglish) {
  std::string text = GetParam().schedule;
  const std::string every_prefix = "every ";
  auto schedule = text.starts_with(every_prefix) ? Schedule::every(text.substr(every_prefix.size()))
                                                 : Schedule::cron(text);
  ASSERT_TRUE(schedule) << error_message(schedule.error(), text);
  EXPECT_EQ(schedule.value().describe(), GetParam().english);
}

// docs/design.md, "Time": an interval counts from 00:00 UTC; say so when the start is not obvious.
const Description kIntervals[] = {
    {"every 2h", "every 2 hours, starting at 00:00 UTC"},
    {"every 1m", "every minute"},
    {"every 15m", "every 15 minutes"},
    {"every 30m", "every 30 minutes"},
    {"every 1h", "every hour"},
    {"every 90m", "every 90 minutes, starting at 00:00 UTC"},
    {"every 1h30m", "every 90 minutes, starting at 00:00 UTC"},
    {"every 72m", "every 72 minutes, starting at 00:00 UTC"},
    {"every 12h", "every 12 hours, starting at 00:00 UTC"},
    {"every 24h", "every day at 00:00 UTC"},
};
INSTANTIATE_TEST_SUITE_P(Intervals, Describes, testing::ValuesIn(kIntervals));

// Times of day. A time that already repeats through the day needs no "every day".
const Description kTimesOfDay[] = {
    {"* * * * *", "every minute"},
    {"*/15 * * * *", "every 15 minutes"},
    {"0,30 * * * *", "every 30 minutes"},
    {"0 * * * *", "at the start of every hour"},
    {"30 * * * *", "at minute 30 of every hour"},
    {"5,10,40 * * * *", "at minutes 5, 10 and 40 of every hour"},
    {"1-5 * * * *", "at minutes 1 through 5 of every hour"},
    // 7 does not divide 60: "every 7 minutes" would be wrong at :56, four minutes before :00.
    {"*/7 * * * *", "at minutes 0, 7, 14, 21, 28, 35, 42, 49 and 56 of every hour"},
    {"0 */2 * * *", "every 2 hours, starting at 00:00 UTC"},
    {"0 0,6,12,18 * * *", "every 6 hours, starting at 00:00 UTC"},
    {"15 */3 * * *", "every 3 hours, starting at 00:15 UTC"},
    // 5 does not divide 24: the gap from 20:00 to 00:00 is 4 hours.
    {"0 */5 * * *", "at 00:00, 05:00, 10:00, 15:00 and 20:00 UTC every day"},
    {"23 0-20/2 * * *", "every 2 hours from 00:23 through 20:23 UTC"},
    {"0 1,3,5,7,9,11,13 * * *", "every 2 hours from 01:00 through 13:00 UTC"},
    {"0 8-18 * * *", "every hour from 08:00 through 18:00 UTC"},
    {"15 10 * * *", "at 10:15 UTC every day"},
    {"0 9,17 * * *", "at 09:00 and 17:00 UTC every day"},
    {"0,30 9 * * *", "at 09:00 and 09:30 UTC every day"},
    {"* 9 * * *", "every minute from 09:00 through 09:59 UTC"},
    {"*/10 8-18 * * *", "every 10 minutes from 08:00 through 18:50 UTC"},
    {"*/15 */2 * * *", "every 15 minutes during every 2nd hour, starting at 00:00 UTC"},
    {"*/15 9,12,17,20 * * *", "every 15 minutes during the hours starting at 09:00, 12:00, 17:00 and 20:00 UTC"},
    {"5,40 */2 * * *", "at minutes 5 and 40 of every 2nd hour, starting at 00:00 UTC"},
    {"5,40 9-17 * * *", "at minutes 5 and 40 of every hour from 09:00 through 17:00 UTC"},
    {"5,40 9,12,17,20 * * *", "at minutes 5 and 40 past 09:00, 12:00, 17:00 and 20:00 UTC"},
    {"5,10,40,45,50,55,59 9 * * *", "at minutes 5, 10, 40, 45, 50, 55 and 59 past 09:00 UTC"},
    {"@hourly", "at the start of every hour"},
    {"@daily", "at 00:00 UTC every day"},
    {"@midnight", "at 00:00 UTC every day"},
};
INSTANTIATE_TEST_SUITE_P(TimesOfDay, Describes, testing::ValuesIn(kTimesOfDay));

// Days: weeks start on Monday in English lists, and a run of three or more reads "Monday through Friday".
const Description kDays[] = {
    {"0 4 15 * *", "at 04:00 UTC on day 15 of every month"},
    {"30 9 * * 1-5", "at 09:30 UTC, Monday through Friday"},
    {"30 9 * * mon-fri", "at 09:30 UTC, Monday through Friday"},
    {"0 9-17 * * 1-5", "every hour from 09:00 through 17:00 UTC, Monday through Friday"},
    {"*/10 8-18 * * 1-5", "every 10 minutes from 08:00 through 18:50 UTC, Monday through Friday"},
    {"0 0 * * 0", "at 00:00 UTC on Sundays"},
    {"0 0 * * 7", "at 00:00 UTC on Sundays"},
    {"@weekly", "at 00:00 UTC on Sundays"},
    {"0 12 * * sat,sun", "at 12:00 UTC on Saturdays and Sundays"},
    {"*/5 * * * 6,0", "every 5 minutes on Saturdays and Sundays"},
    {"0 0 * * 1,3,5", "at 00:00 UTC on Mondays, Wednesdays and Fridays"},
    {"0 0 * * fri-sun", "at 00:00 UTC, Friday through Sunday"},
    {"0 0 * * 5-0", "at 00:00 UTC, Friday through Sunday"},
    {"0 0 * * 1-7", "at 00:00 UTC every day"},
    {"0 0 * * mon-sun", "at 00:00 UTC every day"},
    {"0 0 * * 0-6", "at 00:00 UTC every day"},
    {"0 0 1,15 * *", "at 00:00 UTC on days 1 and 15 of every month"},
    {"0 0 1-7 * *", "at 00:00 UTC on days 1 through 7 of every month"},
    {"0 0 */10 * *", "at 00:00 UTC on days 1, 11, 21 and 31 of every month"},
    {"0 0 */2 * *", "at 00:00 UTC on odd-numbered days of every month"},
    {"0 0 2-31/2 * *", "at 00:00 UTC on even-numbered days of every month"},
    {"* * 15 * *", "every minute on day 15 of every month"},
    {"@monthly", "at 00:00 UTC on day 1 of every month"},
};
INSTANTIATE_TEST_SUITE_P(Days, Describes, testing::ValuesIn(kDays));

const Description kMonths[] = {
    {"@yearly", "at 00:00 UTC on January 1"},
    {"@annually", "at 00:00 UTC on January 1"},
    {"0 0 29 2 *", "at 00:00 UTC on February 29"},
    {"0 12 25 dec *", "at 12:00 UTC on December 25"},
    {"0 0 1 */3 *", "at 00:00 UTC on day 1 of January, April, July and October"},
    {"0 0 1 jan,jul *", "at 00:00 UTC on day 1 of January and July"},
    {"0 0 1 1-6 *", "at 00:00 UTC on day 1 of January through June"},
    {"0 0 * 12 *", "at 00:00 UTC every day in December"},
    {"* * * 12 *", "every minute in December"},
    {"0 0 * 1 1", "at 00:00 UTC on Mondays in January"},
};
INSTANTIATE_TEST_SUITE_P(Months, Describes, testing::ValuesIn(kMonths));

// cronie's day rule: both fields restricted means either day matches; a field starting with `*` means both.
const Description kDayFieldRule[] = {
    {"0 0 1,15 * 3", "at 00:00 UTC on days 1 and 15 of every month and on Wednesdays"},
    {"0 0 13 * 5", "at 00:00 UTC on day 13 of every month and on Fridays"},
    {"0 0 1-7 * 1", "at 00:00 UTC on days 1 through 7 of every month and on Mondays"},
    {"0 0 1 * 1-5", "at 00:00 UTC on day 1 of every month and Monday through Friday"},
    {"0 0 1 1 1", "at 00:00 UTC on day 1 and on Mondays in January"},
    {"0 0 */2 * 1", "at 00:00 UTC on odd-numbered days of every month, but only on Mondays"},
    {"0 0 15 * */2",
     "at 00:00 UTC on day 15 of every month, but only on Tuesdays, Thursdays, Saturdays and Sundays"},
    // "1-31" restricts the day of month although it names every day, so any Monday or any day: every day.
    {"0 0 1-31 * 1", "at 00:00 UTC every day"},
    {"0 0 5 * 0-6", "at 00:00 UTC every day"},
    {"0 0 ? * mon", "at 00:00 UTC on Mondays"},
    {"0 0 15 * ?", "at 00:00 UTC on day 15 of every month"},
};
INSTANTIATE_TEST_SUITE_P(DayFieldRule, Describes, testing::ValuesIn(kDayFieldRule));

TEST(Describe, EveryScheduleAndItsCronTwinReadTheSame) {
  EXPECT_EQ(Schedule::every("2h").value().describe(), Schedule::cron("0 */2 * * *").value().describe());
  EXPECT_EQ(Schedule::every("15m").value().describe(), Schedule::cron("*/15 * * * *").value().describe());
  EXPECT_EQ(Schedule::every("1m").value().describe(), Schedule::cron("* * * * *").value().describe());
}

}  // namespace
}  // namespace cron

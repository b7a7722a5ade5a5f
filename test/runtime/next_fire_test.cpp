// Fire times of Schedule::next(): cases from the public test suites of established cron libraries, restated under
// cronc's dialect (docs/design.md): five fields, cronie semantics, UTC, the first fire strictly after
// the given time. Six-field cases lose their seconds field; where a library disagrees with cronie, the comment
// says so and the expectation is cronie's.

#include <cron/schedule.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace cron {
namespace {

using std::chrono::sys_seconds;

/// `from` parsed as UTC; a malformed time fails the test rather than silently meaning 1970.
sys_seconds utc(std::string_view text) {
  sys_seconds time{};
  EXPECT_TRUE(parse_utc(text, time)) << "bad time in the test table: " << text;
  return time;
}

/// One row: a schedule ("every 2h" or a cron expression), a start time, and the fire times that follow it.
struct FireCase {
  const char* schedule;
  const char* from;
  std::vector<const char*> fires;
};

void PrintTo(const FireCase& c, std::ostream* out) { *out << '"' << c.schedule << "\" after " << c.from; }

Result<Schedule> parse_schedule(std::string_view text) {
  constexpr std::string_view every_prefix = "every ";
  if (text.starts_with(every_prefix)) return Schedule::every(text.substr(every_prefix.size()));
  return Schedule::cron(text);
}

/// The first `count` fire times after `from`, each found from the one before.
std::vector<std::string> fire_times(const Schedule& schedule, sys_seconds from, std::size_t count) {
  std::vector<std::string> times;
  for (std::size_t i = 0; i < count; ++i) {
    from = schedule.next(from);
    times.push_back(format_utc(from));
  }
  return times;
}

class NextFire : public testing::TestWithParam<FireCase> {};

TEST_P(NextFire, MatchesTheExpectedTimes) {
  const FireCase& c = GetParam();
  auto schedule = parse_schedule(c.schedule);
  ASSERT_TRUE(schedule) << error_message(schedule.error(), c.schedule);
  std::vector<std::string> expected;
  for (const char* fire : c.fires) expected.push_back(format_utc(utc(fire)));
  EXPECT_EQ(fire_times(schedule.value(), utc(c.from), expected.size()), expected);
}

// robfig/cron spec_test.go, TestNext. The seconds field is dropped ("0 0/15 * * *" becomes "0/15 * * * *",
// "15/35 20-35/15 ..." becomes "20-35/15 ..."). robfig treats "*/5" like cronie's DOM_STAR, so "*/5 ... Mon" is
// the intersection there too.
const FireCase kRobfigNext[] = {
    {"0/15 * * * *", "2012-07-09T14:45", {"2012-07-09T15:00"}},
    {"0/15 * * * *", "2012-07-09T14:59", {"2012-07-09T15:00"}},
    {"0/15 * * * *", "2012-07-09T14:59:59", {"2012-07-09T15:00"}},
    // Wrap around hours and days.
    {"20-35/15 * * * *", "2012-07-09T15:45", {"2012-07-09T16:20"}},
    {"*/15 * * * *", "2012-07-09T23:46", {"2012-07-10T00:00"}},
    {"20-35/15 * * * *", "2012-07-09T23:45", {"2012-07-10T00:20"}},
    {"20-35/15 * * * *", "2012-07-09T23:35:51", {"2012-07-10T00:20"}},
    {"20-35/15 1/2 * * *", "2012-07-09T23:35:51", {"2012-07-10T01:20"}},
    {"20-35/15 10-12 * * *", "2012-07-09T23:35:51", {"2012-07-10T10:20"}},
    {"20-35/15 1/2 */2 * *", "2012-07-09T23:35:51", {"2012-07-11T01:20"}},
    {"20-35/15 * 9-20 * *", "2012-07-09T23:35:51", {"2012-07-10T00:20"}},
    {"20-35/15 * 9-20 Jul *", "2012-07-09T23:35:51", {"2012-07-10T00:20"}},
    // Wrap around months.
    {"0 0 9 Apr-Oct ?", "2012-07-09T23:35", {"2012-08-09T00:00"}},
    {"0 0 */5 Apr,Aug,Oct Mon", "2012-07-09T23:35", {"2012-08-06T00:00"}},
    {"0 0 */5 Oct Mon", "2012-07-09T23:35", {"2012-10-01T00:00"}},
    // Wrap around years; "Mon/2" is Monday, Wednesday and Friday.
    {"0 0 * Feb Mon", "2012-07-09T23:35", {"2013-02-04T00:00"}},
    {"0 0 * Feb Mon/2", "2012-07-09T23:35", {"2013-02-01T00:00"}},
    {"* * * * *", "2012-12-31T23:59:45", {"2013-01-01T00:00"}},
    {"0 0 29 Feb ?", "2012-07-09T23:35", {"2016-02-29T00:00"}},
    // robfig's daylight-saving cases are in New York time; UTC has neither a gap nor a repeated hour, so 02:30 on
    // the day of the spring change fires that day (robfig: 2013), and 01:30 on the autumn one fires once a year.
    {"30 2 11 Mar ?", "2012-03-11T00:00", {"2012-03-11T02:30"}},
    {"30 2 04 Nov ?", "2012-11-04T00:00", {"2012-11-04T02:30"}},
    {"30 1 04 Nov ?", "2012-11-04T01:45", {"2013-11-04T01:30"}},
};
INSTANTIATE_TEST_SUITE_P(RobfigSpecTest, NextFire, testing::ValuesIn(kRobfigNext));

// mariusbancila/croncpp test/test_standard.cpp, TEST_CASE("next"), seconds field dropped. Where croncpp expects a
// fire one second later ("* 5 10 * * *" after 10:05:00 is 10:05:01), the minute-level schedule fires the next day.
const FireCase kCroncppStandard[] = {
    {"* 1-4 * * *", "2012-07-01T09:53:50", {"2012-07-02T01:00"}},
    {"*/2 1-4 * * *", "2012-07-01T09:00", {"2012-07-02T01:00"}},
    {"* * * * *", "2012-12-01T21:10:42", {"2012-12-01T21:11"}},
    {"* * * * *", "2012-12-01T21:11", {"2012-12-01T21:12"}},
    {"11 * * * *", "2012-12-01T21:10:42", {"2012-12-01T21:11"}},
    {"10 * * * *", "2012-12-01T21:11", {"2012-12-01T22:10"}},
    {"0 * * * *", "2012-09-30T11:01", {"2012-09-30T12:00", "2012-09-30T13:00"}},
    {"0 * * * *", "2012-09-10T23:01", {"2012-09-11T00:00", "2012-09-11T01:00"}},
    {"0 0 * * *", "2012-09-01T14:42:43", {"2012-09-02T00:00", "2012-09-03T00:00"}},
    {"0 0 * * *", "2012-09-30T15:12:42", {"2012-10-01T00:00", "2012-10-02T00:00"}},
    {"0 0 * * *", "2012-08-30T15:12:42", {"2012-08-31T00:00", "2012-09-01T00:00"}},
    {"0 0 * * *", "2012-10-30T15:12:42", {"2012-10-31T00:00", "2012-11-01T00:00"}},
    {"* * 10 * *", "2012-10-09T15:12:42", {"2012-10-10T00:00"}},
    {"* * 10 * *", "2012-10-11T15:12:42", {"2012-11-10T00:00"}},
    {"0 0 1 * *", "2012-10-30T15:12:42", {"2012-11-01T00:00", "2012-12-01T00:00"}},
    {"0 0 1 * *", "2010-12-31T15:12:42", {"2011-01-01T00:00", "2011-02-01T00:00"}},
    {"0 0 31 * *", "2011-10-30T15:12:42", {"2011-10-31T00:00"}},
    {"* * * * 2", "2010-10-25T15:12:42", {"2010-10-26T00:00"}},
    {"* * * * 2", "2010-10-20T15:12:42", {"2010-10-26T00:00"}},
    {"* * * * 2", "2010-10-27T15:12:42", {"2010-11-02T00:00"}},
    {"5 * * * *", "2010-10-27T15:04:54", {"2010-10-27T15:05", "2010-10-27T16:05"}},
    {"* 10 * * *", "2010-10-27T09:04:54", {"2010-10-27T10:00", "2010-10-27T10:01"}},
    {"5 10 * * *", "2010-10-27T09:04:55", {"2010-10-27T10:05", "2010-10-28T10:05"}},
    {"* * 3 * *", "2010-10-02T10:05:54", {"2010-10-03T00:00", "2010-10-03T00:01"}},
    {"* * 3 11 *", "2010-10-02T14:42:55", {"2010-11-03T00:00", "2010-11-03T00:01"}},
    {"0 0 29 2 *", "2007-02-10T14:42:55", {"2008-02-29T00:00", "2012-02-29T00:00"}},
    {"0 7 ? * MON-FRI", "2009-09-26T00:42:55", {"2009-09-28T07:00", "2009-09-29T07:00"}},
    {"30 23 30 1/3 ?", "2010-12-30T00:00", {"2011-01-30T23:30", "2011-04-30T23:30", "2011-07-30T23:30"}},
};
INSTANTIATE_TEST_SUITE_P(CroncppStandard, NextFire, testing::ValuesIn(kCroncppStandard));

// mariusbancila/croncpp test/test_day_fields.cpp: the POSIX rule. Both day fields restricted means either may
// match; "1-31" is still a restriction; `*` or `?` in one field means both must.
const FireCase kCroncppDayFields[] = {
    {"0 0 1 1 1", "2020-10-08T00:00", {"2021-01-01T00:00", "2021-01-04T00:00", "2021-01-11T00:00"}},
    {"0 0 15 * 1", "2021-02-28T00:00", {"2021-03-01T00:00", "2021-03-08T00:00", "2021-03-15T00:00"}},
    {"0 0 15 * 1", "2021-04-13T00:00", {"2021-04-15T00:00"}},
    {"0 0 1-31 1 1", "2020-12-31T00:00", {"2021-01-01T00:00", "2021-01-02T00:00"}},
    {"0 0 * 1 1", "2020-12-31T00:00", {"2021-01-04T00:00"}},
    {"0 0 1 1 ?", "2020-10-08T00:00", {"2021-01-01T00:00"}},
    {"0 0 ? 1 1", "2020-10-08T00:00", {"2021-01-04T00:00"}},
    {"0 0 1 1 *", "2020-10-08T00:00", {"2021-01-01T00:00"}},
    {"0 0 * 1 *", "2020-12-31T00:00", {"2021-01-01T00:00"}},
};
INSTANTIATE_TEST_SUITE_P(CroncppDayFields, NextFire, testing::ValuesIn(kCroncppDayFields));

// pallets-eco/croniter src/croniter/tests/test_croniter.py.
const FireCase kCroniter[] = {
    // test_minute
    {"*/5 * * * *",
     "2010-01-23T12:18",
     {"2010-01-23T12:20", "2010-01-23T12:25", "2010-01-23T12:30", "2010-01-23T12:35", "2010-01-23T12:40",
      "2010-01-23T12:45", "2010-01-23T12:50", "2010-01-23T12:55", "2010-01-23T13:00"}},
    // test_hour
    {"0 */3 * * *",
     "2010-01-24T12:02",
     {"2010-01-24T15:00", "2010-01-24T18:00", "2010-01-24T21:00", "2010-01-25T00:00"}},
    // test_day: days 1, 4, ..., 28 of February 2010, then 1 March; leap days of 1996 and 2000
    {"0 0 */3 * *", "2010-02-24T12:09", {"2010-02-25T00:00", "2010-02-28T00:00", "2010-03-01T00:00"}},
    {"0 0 * * *", "1996-02-27T00:00", {"1996-02-28T00:00", "1996-02-29T00:00", "1996-03-01T00:00"}},
    {"0 0 * * *", "2000-02-27T00:00", {"2000-02-28T00:00", "2000-02-29T00:00"}},
    // test_weekday: "0 0 1 * wed" is the 1st or any Wednesday
    {"0 0 * * sat", "2010-02-25T00:00", {"2010-02-27T00:00", "2010-03-06T00:00"}},
    {"0 0 1 * wed", "2010-01-25T00:00", {"2010-01-27T00:00", "2010-02-01T00:00", "2010-02-03T00:00"}},
    // test_dom_dow_vixie_cron_bug: croniter's default is the union (3, 5, 6, 7 May); cronie, which cronc follows,
    // intersects because "*/2" starts with `*`: odd-numbered days that are Saturdays.
    {"0 16 */2 * sat",
     "2023-05-02T00:00",
     {"2023-05-13T16:00", "2023-05-27T16:00", "2023-06-03T16:00", "2023-06-17T16:00"}},
    // test_month and the year roll-over of its chain
    {"0 0 1 * *", "2010-01-25T00:00", {"2010-02-01T00:00", "2010-03-01T00:00"}},
    {"0 0 1 * *", "2010-11-25T00:00", {"2010-12-01T00:00", "2011-01-01T00:00"}},
    // test_sunday_to_thursday_with_alpha_conversion
    {"30 22 * * sun-thu", "2010-08-25T15:56", {"2010-08-25T22:30"}},
    // test_bug2, test_bug3, test_bug57
    {"0 * * 3 *", "2012-01-01T00:00", {"2012-03-01T00:00", "2012-03-01T01:00", "2012-03-01T02:00"}},
    {"00 03 16,30 * *", "2013-03-01T12:17:34", {"2013-03-16T03:00", "2013-03-30T03:00", "2013-04-16T03:00"}},
    {"0 4/6 * * *", "2012-02-24T00:00", {"2012-02-24T04:00", "2012-02-24T10:00"}},
    {"0 0/6 * * *", "2012-02-24T00:00", {"2012-02-24T06:00"}},
    // test_multiple_months
    {"0 0 1 3,6,9,12 *", "2016-03-01T00:00", {"2016-06-01T00:00"}},
    {"0 0 1 3,6,9,12 *", "2016-02-15T00:00", {"2016-03-01T00:00"}},
    {"0 0 1 3,6,9,12 *", "2016-12-03T10:00", {"2017-03-01T00:00"}},
    // test_range_generator
    {"1-9/2 0 1 * *",
     "2013-03-04T00:00",
     {"2013-04-01T00:01", "2013-04-01T00:03", "2013-04-01T00:05", "2013-04-01T00:07", "2013-04-01T00:09"}},
    // test_first_of_march
    {"0 0 */10 * *", "2025-02-22T00:00", {"2025-03-01T00:00"}},
    // test_milliseconds, test_exactly_the_same_minute, test_next_when_now_satisfies_cron
    {"0 10 * * *", "2018-01-02T10:00:01", {"2018-01-03T10:00"}},
    {"0 10 * * *", "2018-01-02T09:59:59", {"2018-01-02T10:00"}},
    {"30 7,12,17 * * *", "2018-03-05T12:30:50", {"2018-03-05T17:30"}},
    {"4 * * * *", "2018-05-21T00:03", {"2018-05-21T00:04"}},
    {"4 * * * *", "2018-05-21T00:04:20", {"2018-05-21T01:04"}},
    // test_weekday_range, test_issue_monsun_117: 14 January 2019 is a Monday
    {"0 0 * * 2-4",
     "2019-01-14T00:00",
     {"2019-01-15T00:00", "2019-01-16T00:00", "2019-01-17T00:00", "2019-01-22T00:00"}},
    {"0 0 * * Wed-Sun",
     "2019-01-14T00:00",
     {"2019-01-16T00:00", "2019-01-17T00:00", "2019-01-18T00:00", "2019-01-19T00:00", "2019-01-20T00:00",
      "2019-01-23T00:00"}},
    // test_sunday_ranges_to/_from: a range ending on Sunday runs through Sunday, as in cronie since 2025
    // (commit d037042, "fix range parsing for Sunday as 0 or 7"). croniter reads "Sun-Sun" as the whole week;
    // cronie, and cronc, as Sunday alone.
    {"0 0 * * Mon-Sun", "2019-01-14T00:00", {"2019-01-15T00:00", "2019-01-16T00:00"}},
    {"0 0 * * Sat-Sun",
     "2019-01-01T00:00",
     {"2019-01-05T00:00", "2019-01-06T00:00", "2019-01-12T00:00", "2019-01-13T00:00"}},
    {"0 0 * * Sun-Mon",
     "2019-01-01T00:00",
     {"2019-01-06T00:00", "2019-01-07T00:00", "2019-01-13T00:00", "2019-01-14T00:00"}},
    {"0 0 * * Sun-Sun", "2019-01-01T00:00", {"2019-01-06T00:00", "2019-01-13T00:00"}},
    // test_question_mark, test_issue156
    {"0 0 1 * ?", "2010-08-25T15:56", {"2010-09-01T00:00"}},
    {"* * * * *,0", "2019-01-14T11:00:59", {"2019-01-14T11:01"}},
};
INSTANTIATE_TEST_SUITE_P(Croniter, NextFire, testing::ValuesIn(kCroniter));

// spring-projects/spring-framework spring-context/src/test/java/org/springframework/scheduling/support/
// CronExpressionTests.java (Quartz-derived), seconds field dropped and the "now"-relative starts pinned.
const FireCase kSpring[] = {
    // everyTenDays: "*/10" starts with `*`, so it intersects with Friday in Spring and in cronie alike.
    {"15 12 */10 1-8 5", "2021-04-30T12:14:59", {"2021-05-21T12:15", "2021-06-11T12:15", "2022-01-21T12:15"}},
    // friday13th and fixedDays: Spring always intersects the day fields (next Friday the 13th: 2019-09-13;
    // next Wednesday 29 February: 2040). Under cronie both fields are restricted, so either one matches.
    {"0 0 13 * FRI",
     "2018-07-31T11:47:14",
     {"2018-08-03T00:00", "2018-08-10T00:00", "2018-08-13T00:00", "2018-08-17T00:00"}},
    {"0 0 29 2 WED", "2012-02-29T01:00", {"2013-02-06T00:00", "2013-02-13T00:00"}},
    // weekDaySequence: 26 September 2009 is a Saturday
    {"0 7 ? * MON-FRI", "2009-09-26T12:00", {"2009-09-28T07:00", "2009-09-29T07:00", "2009-09-30T07:00"}},
    // dailyTriggerInShortMonth, dailyTriggerInLongMonth, monthlyTriggerInLongMonth, incrementMonthAndRollover
    {"0 0 * * *", "2025-09-30T08:00", {"2025-10-01T00:00", "2025-10-02T00:00"}},
    {"0 0 * * *", "2025-08-30T08:00", {"2025-08-31T00:00", "2025-09-01T00:00"}},
    {"0 0 31 * *", "2025-10-30T08:00", {"2025-10-31T00:00"}},
    {"0 0 1 * *", "2010-12-31T08:00", {"2011-01-01T00:00", "2011-02-01T00:00"}},
    // incrementDayOfWeekByOne and incrementDayOfWeekAndRollover: 1 January 2025 is a Wednesday
    {"* * * * 2", "2024-12-30T10:00", {"2024-12-31T00:00"}},
    {"* * * * 2", "2025-01-01T10:00", {"2025-01-07T00:00"}},
    // leapYearSpecificDate
    {"0 0 29 2 *", "2007-02-10T00:00", {"2008-02-29T00:00", "2012-02-29T00:00"}},
    // incrementMinuteAndRollover, incrementHourAndRollover
    {"10 * * * *", "2025-06-01T10:11", {"2025-06-01T11:10"}},
    {"0 * * * *", "2025-09-10T23:01", {"2025-09-11T00:00"}},
};
INSTANTIATE_TEST_SUITE_P(SpringCronExpressionTests, NextFire, testing::ValuesIn(kSpring));

// cronie-crond/cronie: src/entry.c (parsing: DOM_STAR/DOW_STAR set by a leading `*`, Sunday as 0 and 7, ranges
// ending on Sunday) and src/cron.c find_jobs (matching: both day fields when either is starred, else either),
// as docs/design.md states them. cronie has no test suite of its own; each date below was checked against a
// brute-force matcher over Python's calendar.
const FireCase kCronieLeapDays[] = {
    {"0 0 29 2 *", "2025-01-01T00:00", {"2028-02-29T00:00", "2032-02-29T00:00"}},
    // 2100 is not a leap year (divisible by 100, not by 400); 2000 was.
    {"0 0 29 2 *", "2096-03-01T00:00", {"2104-02-29T00:00", "2108-02-29T00:00"}},
    {"0 0 29 2 *", "2099-12-31T23:59", {"2104-02-29T00:00"}},
    {"0 0 * * *", "2100-02-28T00:00", {"2100-03-01T00:00"}},
    {"0 0 * * *", "2000-02-28T00:00", {"2000-02-29T00:00", "2000-03-01T00:00"}},
    {"0 0 * 2 *", "2100-02-28T00:00", {"2101-02-01T00:00"}},
    {"0 0 28-31 2 *", "2100-02-27T00:00", {"2100-02-28T00:00", "2101-02-28T00:00"}},
    {"0 0 28-31 2 *", "2024-02-27T00:00", {"2024-02-28T00:00", "2024-02-29T00:00", "2025-02-28T00:00"}},
    // 29 February on a Sunday: "*/7" starts with `*`, so the days intersect. Across 2100 the gap is 40 years.
    {"0 0 29 2 */7", "2088-03-01T00:00", {"2128-02-29T00:00", "2156-02-29T00:00"}},
    // Both fields restricted: 29 February or any Monday of February.
    {"0 0 29 2 1", "2025-01-01T00:00", {"2025-02-03T00:00", "2025-02-10T00:00"}},
};
INSTANTIATE_TEST_SUITE_P(CronieLeapDays, NextFire, testing::ValuesIn(kCronieLeapDays));

const FireCase kCronieMonthEnds[] = {
    {"0 0 31 * *",
     "2025-01-31T00:00",
     {"2025-03-31T00:00", "2025-05-31T00:00", "2025-07-31T00:00", "2025-08-31T00:00", "2025-10-31T00:00",
      "2025-12-31T00:00", "2026-01-31T00:00"}},
    {"0 0 30 * *", "2025-01-30T00:00", {"2025-03-30T00:00", "2025-04-30T00:00"}},
    {"0 0 29 * *", "2025-01-29T00:00", {"2025-03-29T00:00"}},
    {"0 0 29 * *", "2024-01-29T00:00", {"2024-02-29T00:00", "2024-03-29T00:00"}},
    {"0 12 31 4,6,9,11,12 *", "2025-01-01T00:00", {"2025-12-31T12:00", "2026-12-31T12:00"}},
    {"0 0 30,31 * *", "2025-01-31T00:00", {"2025-03-30T00:00", "2025-03-31T00:00", "2025-04-30T00:00"}},
};
INSTANTIATE_TEST_SUITE_P(CronieMonthEnds, NextFire, testing::ValuesIn(kCronieMonthEnds));

const FireCase kCronieYearRollOver[] = {
    {"59 23 31 12 *", "2025-12-31T23:59", {"2026-12-31T23:59"}},
    {"0 0 1 1 *", "2025-12-31T23:59:59", {"2026-01-01T00:00", "2027-01-01T00:00"}},
    {"*/30 * * * *", "2025-12-31T23:45", {"2026-01-01T00:00", "2026-01-01T00:30"}},
    {"0 0 * 1 *", "2025-02-01T00:00", {"2026-01-01T00:00"}},
    {"0 0 1 1 *", "1969-06-01T00:00", {"1970-01-01T00:00"}},
    {"0 0 * * *", "1969-12-31T12:00", {"1970-01-01T00:00"}},
    // Before 1970 day numbers are negative: the weekday arithmetic (no calendar) must still hold.
    {"0 0 * * 1", "1969-12-20T12:00", {"1969-12-22T00:00", "1969-12-29T00:00", "1970-01-05T00:00"}},
    {"30 12 * * 6", "1969-12-26T13:00", {"1969-12-27T12:30", "1970-01-03T12:30"}},
    {"0 0 29 2 *", "1969-01-01T00:00", {"1972-02-29T00:00"}},
};
INSTANTIATE_TEST_SUITE_P(CronieYearRollOver, NextFire, testing::ValuesIn(kCronieYearRollOver));

// DOM_STAR/DOW_STAR: the union when neither day field starts with `*` (or `?`), the intersection otherwise.
const FireCase kCronieDayFields[] = {
    // 1 January 2025 is a Wednesday, and a 1st.
    {"0 0 1,15 * 3",
     "2024-12-31T12:00",
     {"2025-01-01T00:00", "2025-01-08T00:00", "2025-01-15T00:00", "2025-01-22T00:00", "2025-01-29T00:00",
      "2025-02-01T00:00", "2025-02-05T00:00"}},
    // Odd-numbered days that are Mondays.
    {"0 0 */2 * 1",
     "2025-01-01T00:00",
     {"2025-01-13T00:00", "2025-01-27T00:00", "2025-02-03T00:00", "2025-02-17T00:00"}},
    // The 13th when it is a Friday or a Sunday ("*/5" is Sunday and Friday).
    {"0 0 13 * */5",
     "2025-01-01T00:00",
     {"2025-04-13T00:00", "2025-06-13T00:00", "2025-07-13T00:00", "2026-02-13T00:00"}},
    // "0-6" does not start with `*`: with a restricted day of month, every day matches.
    {"0 0 5 * 0-6", "2025-01-01T00:00", {"2025-01-02T00:00", "2025-01-03T00:00"}},
    {"0 0 5 * *", "2025-01-01T00:00", {"2025-01-05T00:00", "2025-02-05T00:00"}},
    {"0 0 1-7 * 1",
     "2025-01-07T00:00",
     {"2025-01-13T00:00", "2025-01-20T00:00", "2025-01-27T00:00", "2025-02-01T00:00"}},
    {"0 12 ? * ?", "2025-01-01T12:00", {"2025-01-02T12:00"}},
    {"0 12 ? * 1", "2025-01-01T12:00", {"2025-01-06T12:00"}},
    {"0 12 15 * ?", "2025-01-01T12:00", {"2025-01-15T12:00"}},
};
INSTANTIATE_TEST_SUITE_P(CronieDayFields, NextFire, testing::ValuesIn(kCronieDayFields));

// Weekday 0 and 7 are Sunday; names in any case; a range that ends on Sunday runs through it.
const FireCase kCronieNames[] = {
    {"0 0 * * 7", "2025-01-01T00:00", {"2025-01-05T00:00", "2025-01-12T00:00"}},
    {"0 0 * * 0", "2025-01-01T00:00", {"2025-01-05T00:00", "2025-01-12T00:00"}},
    {"0 0 * * 0,7", "2025-01-01T00:00", {"2025-01-05T00:00", "2025-01-12T00:00"}},
    {"0 0 * * 7/2", "2025-01-01T00:00", {"2025-01-05T00:00", "2025-01-12T00:00"}},
    {"0 0 * * 5-7",
     "2025-01-01T00:00",
     {"2025-01-03T00:00", "2025-01-04T00:00", "2025-01-05T00:00", "2025-01-10T00:00"}},
    {"0 0 * * 5-0",
     "2025-01-01T00:00",
     {"2025-01-03T00:00", "2025-01-04T00:00", "2025-01-05T00:00", "2025-01-10T00:00"}},
    {"0 0 * * fri-sun",
     "2025-01-01T00:00",
     {"2025-01-03T00:00", "2025-01-04T00:00", "2025-01-05T00:00", "2025-01-10T00:00"}},
    {"0 9 * * Mon", "2025-01-01T00:00", {"2025-01-06T09:00"}},
    {"0 9 * * MON", "2025-01-01T00:00", {"2025-01-06T09:00"}},
    {"0 9 * * mOn", "2025-01-01T00:00", {"2025-01-06T09:00"}},
    {"0 0 1 JAN *", "2025-03-01T00:00", {"2026-01-01T00:00"}},
    {"0 0 1 jan *", "2025-03-01T00:00", {"2026-01-01T00:00"}},
    {"0 0 1 Jun-AUG *",
     "2025-01-01T00:00",
     {"2025-06-01T00:00", "2025-07-01T00:00", "2025-08-01T00:00", "2026-06-01T00:00"}},
    {"0 0 * dec sat,SUN", "2025-01-01T00:00", {"2025-12-06T00:00", "2025-12-07T00:00", "2025-12-13T00:00"}},
};
INSTANTIATE_TEST_SUITE_P(CronieNames, NextFire, testing::ValuesIn(kCronieNames));

const FireCase kCronieRangesAndSteps[] = {
    {"10-50/20 * * * *",
     "2025-01-01T10:00",
     {"2025-01-01T10:10", "2025-01-01T10:30", "2025-01-01T10:50", "2025-01-01T11:10"}},
    {"45/5 * * * *",
     "2025-01-01T10:00",
     {"2025-01-01T10:45", "2025-01-01T10:50", "2025-01-01T10:55", "2025-01-01T11:45"}},
    {"*/20 * * * *", "2025-01-01T10:59", {"2025-01-01T11:00", "2025-01-01T11:20", "2025-01-01T11:40"}},
    {"5,10-12,50 * * * *",
     "2025-01-01T10:04",
     {"2025-01-01T10:05", "2025-01-01T10:10", "2025-01-01T10:11", "2025-01-01T10:12", "2025-01-01T10:50",
      "2025-01-01T11:05"}},
    {"0 */6 * * *", "2025-01-01T13:00", {"2025-01-01T18:00", "2025-01-02T00:00"}},
    {"0,30 9-10 * * *",
     "2025-01-01T08:00",
     {"2025-01-01T09:00", "2025-01-01T09:30", "2025-01-01T10:00", "2025-01-01T10:30", "2025-01-02T09:00"}},
    {"0 0 */7 * *", "2025-01-27T00:00", {"2025-01-29T00:00", "2025-02-01T00:00", "2025-02-08T00:00"}},
    {"0 0 1 */4 *", "2025-02-01T00:00", {"2025-05-01T00:00", "2025-09-01T00:00", "2026-01-01T00:00"}},
    {"0 0 * * 1-5/2", "2025-01-01T00:00", {"2025-01-03T00:00", "2025-01-06T00:00", "2025-01-08T00:00"}},
    {"0 0 * * */2",
     "2025-01-01T00:00",
     {"2025-01-02T00:00", "2025-01-04T00:00", "2025-01-05T00:00", "2025-01-07T00:00"}},
    {"59 23 * * *", "2025-01-01T23:58:59", {"2025-01-01T23:59", "2025-01-02T23:59"}},
};
INSTANTIATE_TEST_SUITE_P(CronieRangesAndSteps, NextFire, testing::ValuesIn(kCronieRangesAndSteps));

const FireCase kCronieMacros[] = {
    {"@yearly", "2025-06-15T10:00", {"2026-01-01T00:00", "2027-01-01T00:00"}},
    {"@annually", "2025-06-15T10:00", {"2026-01-01T00:00"}},
    {"@monthly", "2025-01-31T12:00", {"2025-02-01T00:00", "2025-03-01T00:00"}},
    {"@weekly", "2025-01-01T00:00", {"2025-01-05T00:00", "2025-01-12T00:00"}},
    {"@daily", "2025-01-01T00:00", {"2025-01-02T00:00", "2025-01-03T00:00"}},
    {"@midnight", "2025-01-01T23:59:59", {"2025-01-02T00:00"}},
    {"@hourly", "2025-01-01T10:00:30", {"2025-01-01T11:00", "2025-01-01T12:00"}},
    {"@DAILY", "2025-01-01T00:00", {"2025-01-02T00:00"}},
};
INSTANTIATE_TEST_SUITE_P(CronieMacros, NextFire, testing::ValuesIn(kCronieMacros));

// A start with seconds rounds up to the next minute; a start exactly on a fire time gives the one after it.
const FireCase kStrictlyAfter[] = {
    {"* * * * *", "2025-01-01T10:00:30", {"2025-01-01T10:01"}},
    {"* * * * *", "2025-01-01T10:00", {"2025-01-01T10:01"}},
    {"0 10 * * *", "2025-01-01T10:00:30", {"2025-01-02T10:00"}},
    {"30 10 * * *", "2025-01-01T10:29:59", {"2025-01-01T10:30"}},
    {"30 10 * * *", "2025-01-01T10:29", {"2025-01-01T10:30"}},
    {"30 10 * * *", "2025-01-01T10:30", {"2025-01-02T10:30"}},
    {"0 0 1 1 *", "2025-01-01T00:00", {"2026-01-01T00:00"}},
    {"0 4 15 * *", "2025-01-15T04:00", {"2025-02-15T04:00", "2025-03-15T04:00"}},
};
INSTANTIATE_TEST_SUITE_P(StrictlyAfter, NextFire, testing::ValuesIn(kStrictlyAfter));

// `every`: 00:00 UTC + k * N minutes, every day (docs/design.md, "Time").
const FireCase kEvery[] = {
    {"every 2h", "2025-01-01T00:00", {"2025-01-01T02:00", "2025-01-01T04:00"}},
    {"every 2h", "2025-01-01T01:59:59", {"2025-01-01T02:00"}},
    {"every 2h", "2025-01-01T23:00", {"2025-01-02T00:00", "2025-01-02T02:00"}},
    {"every 2h", "2025-12-31T22:00", {"2026-01-01T00:00"}},
    {"every 2h", "1969-12-31T23:30", {"1970-01-01T00:00"}},
    {"every 90m",
     "2025-01-01T00:00",
     {"2025-01-01T01:30", "2025-01-01T03:00", "2025-01-01T04:30", "2025-01-01T06:00", "2025-01-01T07:30",
      "2025-01-01T09:00", "2025-01-01T10:30", "2025-01-01T12:00", "2025-01-01T13:30", "2025-01-01T15:00",
      "2025-01-01T16:30", "2025-01-01T18:00", "2025-01-01T19:30", "2025-01-01T21:00", "2025-01-01T22:30",
      "2025-01-02T00:00", "2025-01-02T01:30"}},
    {"every 90m", "2025-01-01T22:30", {"2025-01-02T00:00"}},
    {"every 90m", "2025-01-01T23:59:59", {"2025-01-02T00:00"}},
    {"every 1h30m", "2025-01-01T02:59", {"2025-01-01T03:00"}},
    {"every 1.5h", "2025-01-01T02:59", {"2025-01-01T03:00"}},
    {"every 24h", "2025-01-01T00:00", {"2025-01-02T00:00", "2025-01-03T00:00"}},
    {"every 24h", "2024-02-28T12:00", {"2024-02-29T00:00", "2024-03-01T00:00"}},
    {"every 1m", "2025-01-01T10:00:30", {"2025-01-01T10:01", "2025-01-01T10:02"}},
    {"every 1m", "2025-01-01T23:59", {"2025-01-02T00:00"}},
    {"every 10m", "2025-01-01T10:05", {"2025-01-01T10:10", "2025-01-01T10:20"}},
    {"every 72m", "2025-01-01T22:00", {"2025-01-01T22:48", "2025-01-02T00:00", "2025-01-02T01:12"}},
    {"every 45m", "2025-01-01T23:00", {"2025-01-01T23:15", "2025-01-02T00:00"}},
    {"every 3h", "2025-01-01T21:00", {"2025-01-02T00:00"}},
    {"every 12h", "2025-01-01T00:00:01", {"2025-01-01T12:00", "2025-01-02T00:00"}},
};
INSTANTIATE_TEST_SUITE_P(Every, NextFire, testing::ValuesIn(kEvery));

// robfig/cron spec_test.go, TestActivation: whether a schedule fires at exactly that minute, seen as
// next(time - 1 s) == time. Seconds field dropped ("0 30 08 ? Jul Sun" becomes "30 08 ? Jul Sun").
struct ActivationCase {
  const char* schedule;
  const char* time;
  bool fires;
};

void PrintTo(const ActivationCase& c, std::ostream* out) {
  *out << '"' << c.schedule << "\" at " << c.time << (c.fires ? " fires" : " does not fire");
}

class Activation : public testing::TestWithParam<ActivationCase> {};

TEST_P(Activation, FiresExactlyWhenExpected) {
  const ActivationCase& c = GetParam();
  auto schedule = Schedule::cron(c.schedule);
  ASSERT_TRUE(schedule) << error_message(schedule.error(), c.schedule);
  sys_seconds time = utc(c.time);
  EXPECT_EQ(schedule.value().next(time - std::chrono::seconds{1}) == time, c.fires)
      << "next: " << format_utc(schedule.value().next(time - std::chrono::seconds{1}));
}

const ActivationCase kRobfigActivation[] = {
    {"0/15 * * * *", "2012-07-09T15:00", true},
    {"0/15 * * * *", "2012-07-09T15:45", true},
    {"0/15 * * * *", "2012-07-09T15:40", false},
    {"5/15 * * * *", "2012-07-09T15:05", true},
    {"5/15 * * * *", "2012-07-09T15:20", true},
    {"5/15 * * * *", "2012-07-09T15:50", true},
    {"0/15 * * Jul *", "2012-07-15T15:00", true},
    {"0/15 * * Jun *", "2012-07-15T15:00", false},
    {"30 08 ? Jul Sun", "2012-07-15T08:30", true},
    {"30 08 15 Jul ?", "2012-07-15T08:30", true},
    {"30 08 ? Jul Sun", "2012-07-16T08:30", false},
    {"30 08 15 Jul ?", "2012-07-16T08:30", false},
    {"@hourly", "2012-07-09T15:00", true},
    {"@hourly", "2012-07-09T15:04", false},
    {"@daily", "2012-07-09T15:00", false},
    {"@daily", "2012-07-09T00:00", true},
    {"@weekly", "2012-07-09T00:00", false},
    {"@weekly", "2012-07-08T00:00", true},
    {"@weekly", "2012-07-08T01:00", false},
    {"@monthly", "2012-07-08T00:00", false},
    {"@monthly", "2012-07-01T00:00", true},
    // Both day fields restricted: either one matches.
    {"* * 1,15 * Sun", "2012-07-15T00:00", true},
    {"* * 1,15 * Sun", "2012-06-15T00:00", true},
    {"* * 1,15 * Sun", "2012-08-01T00:00", true},
    // One starts with `*`: both must match.
    {"* * * * Mon", "2012-07-15T00:00", false},
    {"* * */10 * Sun", "2012-07-15T00:00", false},
    {"* * 1,15 * *", "2012-07-09T00:00", false},
    {"* * 1,15 * *", "2012-07-15T00:00", true},
    {"* * */2 * Sun", "2012-07-15T00:00", true},
};
INSTANTIATE_TEST_SUITE_P(RobfigSpecTest, Activation, testing::ValuesIn(kRobfigActivation));

/// cronie's matching rule applied to the parsed fields, one day and minute at a time: an oracle for next().
bool fires_at(const CronFields& f, std::chrono::sys_seconds time) {
  using namespace std::chrono;
  sys_days day = floor<days>(time);
  year_month_day date{day};
  hh_mm_ss clock{time - day};
  auto month = static_cast<unsigned>(date.month());
  auto day_of_month = static_cast<unsigned>(date.day());
  unsigned weekday_index = weekday{day}.c_encoding();
  bool by_month_day = f.days_of_month >> day_of_month & 1;
  bool by_weekday = f.days_of_week >> weekday_index & 1;
  bool day_matches = f.days_intersect() ? by_month_day && by_weekday : by_month_day || by_weekday;
  return (f.months >> month & 1) && day_matches && (f.hours >> clock.hours().count() & 1) &&
         (f.minutes >> clock.minutes().count() & 1);
}

/// The first matching minute after `from`, found by stepping, skipping days that cannot match.
sys_seconds brute_force_next(const CronFields& f, sys_seconds from) {
  using namespace std::chrono;
  sys_seconds t = floor<minutes>(from) + minutes{1};
  for (int steps = 0; steps < 10 * 366 * 24 * 60; ++steps) {
    if (fires_at(f, t)) return t;
    sys_seconds midnight = floor<days>(t);
    bool day_can_match = fires_at(CronFields{~0ull, ~0u, f.days_of_month, f.months, f.days_of_week,
                                             f.day_of_month_star, f.day_of_week_star},
                                  midnight);
    t = day_can_match ? t + minutes{1} : midnight + days{1};
  }
  return sys_seconds::max();
}

TEST(NextFireOracle, AgreesWithMinuteByMinuteMatching) {
  const char* expressions[] = {
      "* * * * *",         "*/7 * * * *",      "5,55 */5 * * *",   "0 0 31 * *",      "0 0 29 2 *",
      "0 0 1,15 * 3",      "0 0 */2 * 1",      "0 12 13 * 5",      "0 0 13 * */5",    "30 23 * * 0",
      "0 9 * * 1-5",       "0 0 * 2 0",        "15 3 1-7 1,7 1",   "0 0 30 1-3 *",    "*/30 22-23 31 12 *",
      "0 0 * * 6-7",       "0 0 ? 2 ?",        "59 23 28-31 * *",  "0 6 */10 */3 *",  "0 0 1 1 0",
  };
  const char* starts[] = {"2023-12-31T23:59:30", "2024-02-28T12:00", "2025-06-30T23:59", "2099-12-01T00:00"};
  for (const char* expression : expressions) {
    auto schedule = Schedule::cron(expression);
    ASSERT_TRUE(schedule) << expression;
    for (const char* start : starts) {
      sys_seconds from = utc(start);
      for (int i = 0; i < 5; ++i) {
        sys_seconds expected = brute_force_next(schedule.value().fields(), from);
        sys_seconds actual = schedule.value().next(from);
        ASSERT_EQ(format_utc(actual), format_utc(expected)) << expression << " after " << format_utc(from);
        from = actual;
      }
    }
  }
}

TEST(NextFireOracle, EveryMatchesTheEquivalentCronExpression) {
  const std::pair<const char*, const char*> equivalents[] = {
      {"2h", "0 */2 * * *"}, {"15m", "*/15 * * * *"}, {"1h", "0 * * * *"},
      {"24h", "0 0 * * *"},  {"1m", "* * * * *"},     {"6h", "0 0,6,12,18 * * *"},
  };
  for (const auto& [every, expression] : equivalents) {
    auto interval = Schedule::every(every);
    auto cron = Schedule::cron(expression);
    ASSERT_TRUE(interval && cron) << every << " / " << expression;
    sys_seconds a = utc("2024-12-31T21:17:45");
    sys_seconds b = a;
    for (int i = 0; i < 200; ++i) {
      a = interval.value().next(a);
      b = cron.value().next(b);
      ASSERT_EQ(format_utc(a), format_utc(b)) << every << " / " << expression << " fire " << i;
    }
  }
}

TEST(NextFireOracle, EveryIsTheSameWhicheverWayItIsWritten) {
  auto ninety = Schedule::every("90m");
  ASSERT_TRUE(ninety);
  for (const char* text : {"1h30m", "1.5h", "5400s", "30m1h"}) {
    auto same = Schedule::every(text);
    ASSERT_TRUE(same) << text;
    EXPECT_EQ(same.value(), ninety.value()) << text;
  }
  auto from_minutes = Schedule::every_minutes(90);
  ASSERT_TRUE(from_minutes);
  EXPECT_EQ(from_minutes.value(), ninety.value());
}

TEST(NextFireOracle, FireTimesStrictlyIncreaseAndFallOnWholeMinutes) {
  for (const char* expression : {"*/7 * * * *", "0 0 29 2 *", "0 0 */2 * 1", "@weekly", "0 0 31 * *"}) {
    auto schedule = Schedule::cron(expression);
    ASSERT_TRUE(schedule) << expression;
    sys_seconds t = utc("2025-03-10T10:10:10");
    for (int i = 0; i < 50; ++i) {
      sys_seconds next = schedule.value().next(t);
      ASSERT_GT(next, t) << expression;
      ASSERT_EQ(next.time_since_epoch().count() % 60, 0) << expression;
      t = next;
    }
  }
}

TEST(NextFireOracle, AnswersAtTheEdgesOfItsCalendarAndMaxBeyond) {
  using namespace std::chrono;
  auto daily = Schedule::cron("30 12 * * *");
  auto leap_day = Schedule::cron("0 0 29 2 *");
  ASSERT_TRUE(daily && leap_day);
  // 1 March of the year -32,800 is the first day next() answers for; the day before it is out of range.
  const sys_seconds first_day{seconds{-12699422ll * 86400}};
  EXPECT_EQ(daily.value().next(first_day), first_day + hours{12} + minutes{30});
  EXPECT_EQ(leap_day.value().next(first_day), first_day + days{1460});  // -32,796-02-29
  EXPECT_EQ(daily.value().next(first_day - seconds{1}), sys_seconds::max());
  EXPECT_EQ(daily.value().next(sys_seconds::min()), sys_seconds::max());
  // The last one is a day in the year 2,739,877; the search may run 60 years past it.
  const sys_seconds last_day{seconds{1000000000ll * 86400}};
  EXPECT_EQ(daily.value().next(last_day), last_day + hours{12} + minutes{30});
  EXPECT_GT(leap_day.value().next(last_day), last_day);
  EXPECT_EQ(daily.value().next(last_day + days{1}), sys_seconds::max());
  EXPECT_EQ(daily.value().next(sys_seconds::max()), sys_seconds::max());
}

}  // namespace
}  // namespace cron

// parse_cron(): the masks a valid expression gives, and for every way to get it wrong the error kind, field,
// byte range (what the analyzer turns into a caret) and the exact message.

#include <cron/cron_expression.hpp>
#include <cron/schedule.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <ostream>
#include <string>

namespace cron {
namespace {

constexpr std::uint64_t bits(std::initializer_list<int> values) {
  std::uint64_t mask = 0;
  for (int v : values) mask |= std::uint64_t{1} << v;
  return mask;
}

constexpr std::uint64_t bit_range(int first, int last, int step = 1) {
  std::uint64_t mask = 0;
  for (int v = first; v <= last; v += step) mask |= std::uint64_t{1} << v;
  return mask;
}

TEST(CronExpression, ParsesFiveFields) {
  auto parsed = parse_cron("0 4 15 * *");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed.value().minutes, 1u);
  EXPECT_EQ(parsed.value().hours, 1u << 4);
  EXPECT_EQ(parsed.value().days_of_month, 1u << 15);
  EXPECT_EQ(parsed.value().months, 0x1ffe);
  EXPECT_EQ(parsed.value().days_of_week, 0x7f);
}

TEST(CronExpression, ParsesStarsListsRangesAndSteps) {
  auto parsed = parse_cron("*/15 9-17 1,15,31 1-12/3 1-5");
  ASSERT_TRUE(parsed);
  const CronFields& f = parsed.value();
  EXPECT_EQ(f.minutes, bits({0, 15, 30, 45}));
  EXPECT_EQ(f.hours, bit_range(9, 17));
  EXPECT_EQ(f.days_of_month, bits({1, 15, 31}));
  EXPECT_EQ(f.months, bits({1, 4, 7, 10}));
  EXPECT_EQ(f.days_of_week, bit_range(1, 5));
  EXPECT_FALSE(f.day_of_month_star);
  EXPECT_FALSE(f.day_of_week_star);
  EXPECT_FALSE(f.days_intersect());
}

TEST(CronExpression, StarFlagsFollowTheFirstCharacterAsInCronie) {
  auto star = parse_cron("* * * * *");
  ASSERT_TRUE(star);
  EXPECT_TRUE(star.value().day_of_month_star);
  EXPECT_TRUE(star.value().day_of_week_star);

  // "*/2" starts with `*`: cronie sets DOM_STAR, so the day fields intersect.
  auto stepped = parse_cron("0 0 */2 * 1");
  ASSERT_TRUE(stepped);
  EXPECT_TRUE(stepped.value().day_of_month_star);
  EXPECT_FALSE(stepped.value().day_of_week_star);
  EXPECT_TRUE(stepped.value().days_intersect());
  EXPECT_EQ(stepped.value().days_of_month, bit_range(1, 31, 2));

  // "1-31" selects every day but does not start with `*`: both fields restricted, so the union.
  auto full_range = parse_cron("0 0 1-31 * 1");
  ASSERT_TRUE(full_range);
  EXPECT_FALSE(full_range.value().days_intersect());

  auto question = parse_cron("0 0 ? * ?");
  ASSERT_TRUE(question);
  EXPECT_TRUE(question.value().day_of_month_star);
  EXPECT_TRUE(question.value().day_of_week_star);
  EXPECT_EQ(question.value(), parse_cron("0 0 * * *").value());
}

TEST(CronExpression, WeekdayDaysRepeatTheWeekFromTheFirstOfTheMonth) {
  for (unsigned pattern = 0; pattern < 128; ++pattern) {
    for (int first = 0; first < 7; ++first) {
      std::uint32_t expected = 0;
      for (int day = 1; day <= 31; ++day)
        if (pattern >> ((first + day - 1) % 7) & 1) expected |= std::uint32_t{1} << day;
      EXPECT_EQ(detail::weekday_days(static_cast<std::uint8_t>(pattern), first), expected)
          << "pattern " << pattern << ", the 1st on weekday " << first;
    }
  }
}

TEST(CronExpression, WeekdaySevenIsSunday) {
  EXPECT_EQ(parse_cron("0 0 * * 7").value().days_of_week, 1u);
  EXPECT_EQ(parse_cron("0 0 * * 0,7").value().days_of_week, 1u);
  EXPECT_EQ(parse_cron("0 0 * * 0-7").value().days_of_week, 0x7fu);
  EXPECT_EQ(parse_cron("0 0 * * 6-7").value().days_of_week, bits({0, 6}));
  EXPECT_EQ(parse_cron("0 0 * * 7/2").value().days_of_week, 1u);
}

TEST(CronExpression, WeekdayRangeEndingOnSundayRunsThroughIt) {
  // cronie (since commit d037042, 2025): a range whose end is Sunday written as 0 or a name ends the week.
  EXPECT_EQ(parse_cron("0 0 * * mon-sun").value().days_of_week, 0x7fu);
  EXPECT_EQ(parse_cron("0 0 * * 5-0").value().days_of_week, bits({0, 5, 6}));
  EXPECT_EQ(parse_cron("0 0 * * FRI-SUN").value().days_of_week, bits({0, 5, 6}));
  EXPECT_EQ(parse_cron("0 0 * * 1-0/2").value().days_of_week, bits({0, 1, 3, 5}));
  // A range from Sunday is Sunday onwards; "sun-sun" is Sunday alone.
  EXPECT_EQ(parse_cron("0 0 * * sun-mon").value().days_of_week, bits({0, 1}));
  EXPECT_EQ(parse_cron("0 0 * * sun-sun").value().days_of_week, 1u);
  EXPECT_EQ(parse_cron("0 0 * * 7-0").value().days_of_week, 1u);
}

TEST(CronExpression, NamesInAnyCase) {
  for (const char* text : {"0 0 1 jan *", "0 0 1 JAN *", "0 0 1 Jan *", "0 0 1 jAN *"})
    EXPECT_EQ(parse_cron(text).value().months, bits({1})) << text;
  for (const char* text : {"0 0 * * mon", "0 0 * * MON", "0 0 * * Mon", "0 0 * * mOn"})
    EXPECT_EQ(parse_cron(text).value().days_of_week, bits({1})) << text;
  EXPECT_EQ(parse_cron("0 0 1 jun-aug *").value().months, bits({6, 7, 8}));
  EXPECT_EQ(parse_cron("0 0 * * sat,sun").value().days_of_week, bits({0, 6}));
}

TEST(CronExpression, MacrosExpandAsInCronie) {
  EXPECT_EQ(parse_cron("@yearly").value(), parse_cron("0 0 1 1 *").value());
  EXPECT_EQ(parse_cron("@annually").value(), parse_cron("0 0 1 1 *").value());
  EXPECT_EQ(parse_cron("@monthly").value(), parse_cron("0 0 1 * *").value());
  EXPECT_EQ(parse_cron("@weekly").value(), parse_cron("0 0 * * 0").value());
  EXPECT_EQ(parse_cron("@daily").value(), parse_cron("0 0 * * *").value());
  EXPECT_EQ(parse_cron("@midnight").value(), parse_cron("0 0 * * *").value());
  EXPECT_EQ(parse_cron("@hourly").value(), parse_cron("0 * * * *").value());
  EXPECT_EQ(parse_cron("@Daily").value(), parse_cron("@daily").value());
  EXPECT_EQ(parse_cron("  @hourly\t").value(), parse_cron("@hourly").value());
}

TEST(CronExpression, WhitespaceSeparatesFields) {
  auto tabs = parse_cron("\t0\t4  15 *\t* ");
  ASSERT_TRUE(tabs);
  EXPECT_EQ(tabs.value(), parse_cron("0 4 15 * *").value());
}

// mariusbancila/croncpp test/test_standard.cpp, "standard: check minutes/hours/days of month/months/days of week"
// (CRON_STD_EQUAL), restated for one field at a time. croncpp compares whole expressions; cronc compares the
// field's mask, because "*/5" and "1,6,11,..." differ in cronie's DOM_STAR flag.
struct SameMask {
  int field;  // 0 minute ... 4 day of week
  const char* a;
  const char* b;
};

std::uint64_t field_mask(const CronFields& f, int field) {
  switch (field) {
    case 0: return f.minutes;
    case 1: return f.hours;
    case 2: return f.days_of_month;
    case 3: return f.months;
    default: return f.days_of_week;
  }
}

std::string in_field(int field, const char* text) {
  std::string fields[5] = {"0", "0", "1", "1", "*"};
  fields[field] = text;
  return fields[0] + " " + fields[1] + " " + fields[2] + " " + fields[3] + " " + fields[4];
}

TEST(CronExpression, CroncppEquivalentFields) {
  const SameMask cases[] = {
      {0, "*/5", "0,5,10,15,20,25,30,35,40,45,50,55"},
      {0, "1/6", "1,7,13,19,25,31,37,43,49,55"},
      {0, "0/30", "0,30"},
      {0, "0-5", "0,1,2,3,4,5"},
      {0, "55/1", "55,56,57,58,59"},
      {0, "57,59", "57/2"},
      {0, "1,3,5", "1-6/2"},
      {0, "0,5,10,15", "0-15/5"},
      {1, "*/5", "0,5,10,15,20"},
      {1, "1/6", "1,7,13,19"},
      {1, "0/12", "0,12"},
      {1, "0-5", "0,1,2,3,4,5"},
      {1, "15/1", "15,16,17,18,19,20,21,22,23"},
      {1, "17,19,21,23", "17/2"},
      {1, "1,3,5", "1-6/2"},
      {1, "0,5,10,15", "0-15/5"},
      {2, "1-31", "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31"},
      {2, "1/5", "1,6,11,16,21,26,31"},
      {2, "1,11,21,31", "1-31/10"},
      {2, "*/5", "1,6,11,16,21,26,31"},
      {3, "1,6,11", "1/5"},
      {3, "1-12", "1,2,3,4,5,6,7,8,9,10,11,12"},
      {3, "1-12/3", "1,4,7,10"},
      {3, "*/2", "1,3,5,7,9,11"},
      {3, "2/2", "2,4,6,8,10,12"},
      {3, "1", "JAN"},
      {3, "2", "FEB"},
      {3, "3", "mar"},
      {3, "4", "apr"},
      {3, "5", "may"},
      {3, "6", "Jun"},
      {3, "7", "Jul"},
      {3, "8", "auG"},
      {3, "9", "sEp"},
      {3, "10", "oCT"},
      {3, "11", "nOV"},
      {3, "12", "DEC"},
      {3, "1,FEB", "JAN,2"},
      {3, "1,6,11", "NOV,JUN,jan"},
      {3, "JAN,FEB,MAR,APR,MAY,JUN,JUL,AUG,SEP,OCT,NOV,DEC", "1,2,3,4,5,6,7,8,9,10,11,12"},
      {4, "0-6", "0,1,2,3,4,5,6"},
      {4, "0-6/2", "0,2,4,6"},
      {4, "0-6/3", "0,3,6"},
      {4, "*/3", "0,3,6"},
      {4, "1/3", "1,4"},
      {4, "0", "SUN"},
      {4, "1", "MON"},
      {4, "2", "TUE"},
      {4, "3", "WED"},
      {4, "4", "THU"},
      {4, "5", "FRI"},
      {4, "6", "SAT"},
      {4, "0-6", "SUN,MON,TUE,WED,THU,FRI,SAT"},
      {4, "0-6/2", "SUN,TUE,THU,SAT"},
      {4, "*/3", "SUN,WED,SAT"},
      {4, "1/3", "MON,THU"},
  };
  for (const auto& c : cases) {
    auto a = parse_cron(in_field(c.field, c.a));
    auto b = parse_cron(in_field(c.field, c.b));
    ASSERT_TRUE(a) << in_field(c.field, c.a) << ": " << error_message(a.error(), in_field(c.field, c.a));
    ASSERT_TRUE(b) << in_field(c.field, c.b) << ": " << error_message(b.error(), in_field(c.field, c.b));
    EXPECT_EQ(field_mask(a.value(), c.field), field_mask(b.value(), c.field)) << c.a << " vs " << c.b;
  }
}

// mariusbancila/croncpp test/test_day_fields.cpp: `?` and `*` are the same in either day field; "1-31" is not.
TEST(CronExpression, CroncppDayFieldEquivalences) {
  EXPECT_EQ(parse_cron("0 0 1 1 ?").value(), parse_cron("0 0 1 1 *").value());
  EXPECT_EQ(parse_cron("0 0 ? 1 1").value(), parse_cron("0 0 * 1 1").value());
  EXPECT_NE(parse_cron("0 0 1-31 1 1").value(), parse_cron("0 0 * 1 1").value());
}

// Parsing runs in constant evaluation: the header's consteval checks and the analyzer share this parser.
static_assert(parse_cron("0 4 15 * *"));
static_assert(parse_cron("0 4 15 * *").value().hours == 1u << 4);
static_assert(parse_cron("@weekly").value() == parse_cron("0 0 * * 7").value());
static_assert(parse_cron("*/15 * * * mon-fri").value().days_of_week == 0x3e);
static_assert(!parse_cron("0 0 30 2 *"));
static_assert(parse_cron("0 0 30 2 *").error().kind == ErrorKind::never_fires);
static_assert(parse_cron("60 * * * *").error().kind == ErrorKind::value_out_of_range);
static_assert(parse_cron("60 * * * *").error().begin == 0 && parse_cron("60 * * * *").error().end == 2);
static_assert(parse_cron("0 0 * * 5#3").error().feature == Unsupported::nth_weekday);
static_assert(parse_cron("0 0 30 2 1"));
static_assert(Schedule::cron("0 4 15 * *"));
static_assert(!Schedule::cron("@reboot"));

TEST(CronExpression, ParsesInConstantEvaluation) {
  constexpr auto parsed = parse_cron("30 9 * * 1-5");
  static_assert(parsed);
  EXPECT_EQ(parsed.value().minutes, bits({30}));
}

/// One rejection: what the error says about `text`, down to the bytes.
struct Rejection {
  const char* text;
  ErrorKind kind;
  Field field;
  int begin;
  int end;
  const char* message;
  Unsupported feature = Unsupported::none;
};

void PrintTo(const Rejection& r, std::ostream* out) { *out << '"' << r.text << '"'; }

class Rejects : public testing::TestWithParam<Rejection> {};

TEST_P(Rejects, WithKindFieldRangeAndMessage) {
  const Rejection& r = GetParam();
  auto parsed = parse_cron(r.text);
  ASSERT_FALSE(parsed) << "accepted";
  const ParseError& error = parsed.error();
  EXPECT_EQ(error.kind, r.kind);
  EXPECT_EQ(error.field, r.field);
  EXPECT_EQ(error.feature, r.feature);
  EXPECT_EQ(error.begin, r.begin);
  EXPECT_EQ(error.end, r.end);
  EXPECT_EQ(error_message(error, r.text), r.message);
}

const Rejection kShape[] = {
    {"", ErrorKind::empty, Field::none, 0, 0,
     "the cron expression is empty; write five fields 'minute hour day-of-month month day-of-week', such as "
     "\"0 4 15 * *\""},
    {"   ", ErrorKind::empty, Field::none, 0, 3,
     "the cron expression is empty; write five fields 'minute hour day-of-month month day-of-week', such as "
     "\"0 4 15 * *\""},
    {"* * * *", ErrorKind::wrong_field_count, Field::none, 0, 7,
     "the cron expression has 4 fields, expected 5: 'minute hour day-of-month month day-of-week'"},
    {"  * * * *  ", ErrorKind::wrong_field_count, Field::none, 2, 9,
     "the cron expression has 4 fields, expected 5: 'minute hour day-of-month month day-of-week'"},
    {"*", ErrorKind::wrong_field_count, Field::none, 0, 1,
     "the cron expression has 1 field, expected 5: 'minute hour day-of-month month day-of-week'"},
    {"* * * * * * * *", ErrorKind::wrong_field_count, Field::none, 0, 15,
     "the cron expression has 8 fields, expected 5: 'minute hour day-of-month month day-of-week'"},
    {"0 0 4 15 * *", ErrorKind::unsupported, Field::none, 0, 12,
     "the expression has 6 fields: cronc does not support a seconds field; use the five fields 'minute hour "
     "day-of-month month day-of-week'",
     Unsupported::seconds_field},
    {"0 0 4 15 * ? 2025", ErrorKind::unsupported, Field::none, 0, 17,
     "the expression has 7 fields: cronc does not support seconds or year fields; use the five fields 'minute "
     "hour day-of-month month day-of-week'",
     Unsupported::year_field},
};
INSTANTIATE_TEST_SUITE_P(Shape, Rejects, testing::ValuesIn(kShape));

const Rejection kMacrosAndPrefixes[] = {
    {"@fortnightly", ErrorKind::unknown_macro, Field::none, 0, 12,
     "unknown macro '@fortnightly'; use @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly"},
    {" @every2h", ErrorKind::unknown_macro, Field::none, 1, 9,
     "unknown macro '@every2h'; use @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly"},
    {"@daily foo", ErrorKind::unexpected_character, Field::none, 7, 10, "unexpected 'foo' after the macro"},
    {"@daily   0 0 * * *", ErrorKind::unexpected_character, Field::none, 9, 18,
     "unexpected '0 0 * * *' after the macro"},
    {"@reboot", ErrorKind::unsupported, Field::none, 0, 7,
     "'@reboot' is not supported: cronc runs jobs on a schedule, not when the service starts",
     Unsupported::reboot},
    {"@REBOOT", ErrorKind::unsupported, Field::none, 0, 7,
     "'@reboot' is not supported: cronc runs jobs on a schedule, not when the service starts",
     Unsupported::reboot},
    {"@every 5m", ErrorKind::unsupported, Field::none, 0, 9,
     "'@every' is not supported in a cron expression; use the job's 'every' field instead (.every = \"2h\")",
     Unsupported::every_macro},
    {"TZ=Europe/Paris 0 4 * * *", ErrorKind::unsupported, Field::none, 0, 15,
     "'TZ=Europe/Paris' is not supported in the expression: set the job's time_zone field instead",
     Unsupported::time_zone},
    {"CRON_TZ=UTC 0 4 * * *", ErrorKind::unsupported, Field::none, 0, 11,
     "'CRON_TZ=UTC' is not supported in the expression: set the job's time_zone field instead",
     Unsupported::time_zone},
};
INSTANTIATE_TEST_SUITE_P(MacrosAndPrefixes, Rejects, testing::ValuesIn(kMacrosAndPrefixes));

// Quartz/Spring extensions (CronExpressionTests.java: quartzLastDayOfMonth, quartzLastWeekdayOfMonth,
// quartzLastDayOfWeekOffset, quartzWeekdayNearestTo15, quartzNthDayOfWeek): valid there, unsupported here.
const Rejection kQuartzExtensions[] = {
    {"0 0 L * *", ErrorKind::unsupported, Field::day_of_month, 4, 5,
     "'L' uses 'L' (last day), which cronc does not support; list the days instead", Unsupported::last_day},
    {"0 0 l * *", ErrorKind::unsupported, Field::day_of_month, 4, 5,
     "'l' uses 'L' (last day), which cronc does not support; list the days instead", Unsupported::last_day},
    {"0 0 1,L * *", ErrorKind::unsupported, Field::day_of_month, 6, 7,
     "'L' uses 'L' (last day), which cronc does not support; list the days instead", Unsupported::last_day},
    {"0 0 LW * *", ErrorKind::unsupported, Field::day_of_month, 4, 6,
     "'LW' uses 'L' (last day), which cronc does not support; list the days instead", Unsupported::last_day},
    {"0 0 * * 5L", ErrorKind::unsupported, Field::day_of_week, 8, 10,
     "'5L' uses 'L' (last day), which cronc does not support; list the days instead", Unsupported::last_day},
    {"0 0 15W * *", ErrorKind::unsupported, Field::day_of_month, 4, 7,
     "'15W' uses 'W' (nearest weekday), which cronc does not support; list the days instead",
     Unsupported::nearest_weekday},
    {"0 0 * * 5#3", ErrorKind::unsupported, Field::day_of_week, 8, 11,
     "'5#3' uses '#' (nth weekday of the month), which cronc does not support", Unsupported::nth_weekday},
    {"0 0 * * 1,fri#2", ErrorKind::unsupported, Field::day_of_week, 10, 15,
     "'fri#2' uses '#' (nth weekday of the month), which cronc does not support", Unsupported::nth_weekday},
};
INSTANTIATE_TEST_SUITE_P(QuartzExtensions, Rejects, testing::ValuesIn(kQuartzExtensions));

// Values out of range, one field at a time; croniter's "* * 5-100 * *" and test_overflow's "0-10000000".
const Rejection kOutOfRange[] = {
    {"60 * * * *", ErrorKind::value_out_of_range, Field::minute, 0, 2, "minute value 60 is out of range; use 0-59"},
    {"0-60 * * * *", ErrorKind::value_out_of_range, Field::minute, 2, 4, "minute value 60 is out of range; use 0-59"},
    {"0-10000000 * * * *", ErrorKind::value_out_of_range, Field::minute, 2, 10,
     "minute value 10000000 is out of range; use 0-59"},
    {"* 24 * * *", ErrorKind::value_out_of_range, Field::hour, 2, 4, "hour value 24 is out of range; use 0-23"},
    {"* * 0 * *", ErrorKind::value_out_of_range, Field::day_of_month, 4, 5,
     "day-of-month value 0 is out of range; use 1-31"},
    {"* * 32 * *", ErrorKind::value_out_of_range, Field::day_of_month, 4, 6,
     "day-of-month value 32 is out of range; use 1-31"},
    {"* * 5-100 * *", ErrorKind::value_out_of_range, Field::day_of_month, 6, 9,
     "day-of-month value 100 is out of range; use 1-31"},
    {"* * * 0 *", ErrorKind::value_out_of_range, Field::month, 6, 7,
     "month value 0 is out of range; use 1-12 or jan-dec"},
    {"* * * 13 *", ErrorKind::value_out_of_range, Field::month, 6, 8,
     "month value 13 is out of range; use 1-12 or jan-dec"},
    {"* * * * 8", ErrorKind::value_out_of_range, Field::day_of_week, 8, 9,
     "day-of-week value 8 is out of range; use 0-7 or sun-sat, with 0 and 7 both Sunday"},
    // croniter test_issue_k6
    {"0 0 0 0 0", ErrorKind::value_out_of_range, Field::day_of_month, 4, 5,
     "day-of-month value 0 is out of range; use 1-31"},
    {"0 0 1 0 0", ErrorKind::value_out_of_range, Field::month, 6, 7,
     "month value 0 is out of range; use 1-12 or jan-dec"},
};
INSTANTIATE_TEST_SUITE_P(OutOfRange, Rejects, testing::ValuesIn(kOutOfRange));

const Rejection kNames[] = {
    // croniter test_error / test_error_alpha_cron
    {"* * * janu-jun *", ErrorKind::unknown_name, Field::month, 6, 10,
     "unknown month name 'janu'; use 1-12 or jan-dec"},
    {"* * * mon *", ErrorKind::unknown_name, Field::month, 6, 9, "unknown month name 'mon'; use 1-12 or jan-dec"},
    {"* * * * funday", ErrorKind::unknown_name, Field::day_of_week, 8, 14,
     "unknown day-of-week name 'funday'; use 0-7 or sun-sat, with 0 and 7 both Sunday"},
    {"* * * * jan", ErrorKind::unknown_name, Field::day_of_week, 8, 11,
     "unknown day-of-week name 'jan'; use 0-7 or sun-sat, with 0 and 7 both Sunday"},
    {"a * * * *", ErrorKind::unknown_name, Field::minute, 0, 1, "'a' is not a number; the minute field takes 0-59"},
    // croncpp "standard: invalid ..."
    {"TEN * * * *", ErrorKind::unknown_name, Field::minute, 0, 3,
     "'TEN' is not a number; the minute field takes 0-59"},
    {"* noon * * *", ErrorKind::unknown_name, Field::hour, 2, 6, "'noon' is not a number; the hour field takes 0-23"},
    {"* * mon * *", ErrorKind::unknown_name, Field::day_of_month, 4, 7,
     "'mon' is not a number; the day-of-month field takes 1-31"},
};
INSTANTIATE_TEST_SUITE_P(Names, Rejects, testing::ValuesIn(kNames));

constexpr const char* kBackwardsAdvice = "goes backwards; write the smaller value first";

std::string backwards(const char* range, const char* field) {
  return std::string("range '") + range + "' in the " + field + " field " + kBackwardsAdvice;
}

TEST(CronExpression, RejectsBackwardsRanges) {
  struct Case {
    const char* text;
    Field field;
    int begin;
    int end;
    std::string message;
  };
  const Case cases[] = {
      {"30-10 * * * *", Field::minute, 0, 5, backwards("30-10", "minute")},
      {"* 22-2 * * *", Field::hour, 2, 6, backwards("22-2", "hour")},
      {"* * 31-1 * *", Field::day_of_month, 4, 8, backwards("31-1", "day-of-month")},
      {"* * * dec-jan *", Field::month, 6, 13, backwards("dec-jan", "month")},
      {"* * * * sat-mon", Field::day_of_week, 8, 15, backwards("sat-mon", "day-of-week")},
      {"* * * * 6-1", Field::day_of_week, 8, 11, backwards("6-1", "day-of-week")},
  };
  for (const auto& c : cases) {
    auto parsed = parse_cron(c.text);
    ASSERT_FALSE(parsed) << c.text;
    EXPECT_EQ(parsed.error().kind, ErrorKind::backwards_range) << c.text;
    EXPECT_EQ(parsed.error().field, c.field) << c.text;
    EXPECT_EQ(parsed.error().begin, c.begin) << c.text;
    EXPECT_EQ(parsed.error().end, c.end) << c.text;
    EXPECT_EQ(error_message(parsed.error(), c.text), c.message);
  }
}

const Rejection kSteps[] = {
    // croniter test_invalid_zerorepeat
    {"*/0 * * * *", ErrorKind::bad_step, Field::minute, 2, 3,
     "step 0 in the minute field is out of range; use a step from 1 to 59"},
    {"*/60 * * * *", ErrorKind::bad_step, Field::minute, 2, 4,
     "step 60 in the minute field is out of range; use a step from 1 to 59"},
    {"* */24 * * *", ErrorKind::bad_step, Field::hour, 4, 6,
     "step 24 in the hour field is out of range; use a step from 1 to 23"},
    {"* * */32 * *", ErrorKind::bad_step, Field::day_of_month, 6, 8,
     "step 32 in the day-of-month field is out of range; use a step from 1 to 31"},
    {"* * * 1/13 *", ErrorKind::bad_step, Field::month, 8, 10,
     "step 13 in the month field is out of range; use a step from 1 to 12"},
    {"* * * * */8", ErrorKind::bad_step, Field::day_of_week, 10, 11,
     "step 8 in the day-of-week field is out of range; use a step from 1 to 7"},
    // croncpp "*/" and "2/"; croniter "0-10/" and "0-10/error"
    {"*/ * * * *", ErrorKind::bad_step, Field::minute, 2, 2,
     "'/' in the minute field must be followed by a step from 1 to 59"},
    {"* 2/ * * *", ErrorKind::bad_step, Field::hour, 4, 4,
     "'/' in the hour field must be followed by a step from 1 to 23"},
    {"0-10/ * * * *", ErrorKind::bad_step, Field::minute, 5, 5,
     "'/' in the minute field must be followed by a step from 1 to 59"},
    {"0-10/error * * * *", ErrorKind::bad_step, Field::minute, 5, 10,
     "'/' in the minute field must be followed by a step from 1 to 59"},
};
INSTANTIATE_TEST_SUITE_P(Steps, Rejects, testing::ValuesIn(kSteps));

// croniter test_invalid_question_mark: `?` belongs to the day fields only.
const Rejection kQuestionMark[] = {
    {"? * * * *", ErrorKind::question_mark_field, Field::minute, 0, 1,
     "'?' is not allowed in the minute field, only in day-of-month and day-of-week"},
    {"* ? * * *", ErrorKind::question_mark_field, Field::hour, 2, 3,
     "'?' is not allowed in the hour field, only in day-of-month and day-of-week"},
    {"* * * ? *", ErrorKind::question_mark_field, Field::month, 6, 7,
     "'?' is not allowed in the month field, only in day-of-month and day-of-week"},
    {"0,? * * * *", ErrorKind::question_mark_field, Field::minute, 2, 3,
     "'?' is not allowed in the minute field, only in day-of-month and day-of-week"},
    {"* * ?/2 * *", ErrorKind::unexpected_character, Field::day_of_month, 5, 6,
     "unexpected character '/' in the day-of-month field"},
};
INSTANTIATE_TEST_SUITE_P(QuestionMark, Rejects, testing::ValuesIn(kQuestionMark));

// croncpp "standard: invalid minutes" and croniter test_error: characters that start or continue nothing.
const Rejection kUnexpected[] = {
    {"0-1& * * * *", ErrorKind::unexpected_character, Field::minute, 3, 4,
     "unexpected character '&' in the minute field"},
    {"1-1_0 * * * *", ErrorKind::unexpected_character, Field::minute, 3, 4,
     "unexpected character '_' in the minute field"},
    {"-90 * * * *", ErrorKind::unexpected_character, Field::minute, 0, 1,
     "unexpected character '-' in the minute field"},
    {"* -1 * * *", ErrorKind::unexpected_character, Field::hour, 2, 3, "unexpected character '-' in the hour field"},
    {"0-10-20 * * * *", ErrorKind::unexpected_character, Field::minute, 4, 5,
     "unexpected character '-' in the minute field"},
    {", * * * *", ErrorKind::unexpected_character, Field::minute, 0, 1,
     "unexpected character ',' in the minute field"},
    {"0,,1 * * * *", ErrorKind::unexpected_character, Field::minute, 2, 3,
     "unexpected character ',' in the minute field"},
    {"0,1, * * * *", ErrorKind::unexpected_character, Field::minute, 3, 4,
     "unexpected character ',' in the minute field"},
    {",0,1 * * * *", ErrorKind::unexpected_character, Field::minute, 0, 1,
     "unexpected character ',' in the minute field"},
    {"0/10/2 * * * *", ErrorKind::unexpected_character, Field::minute, 4, 5,
     "unexpected character '/' in the minute field"},
    {"/2 * * * *", ErrorKind::unexpected_character, Field::minute, 0, 1,
     "unexpected character '/' in the minute field"},
    {"*2 * * * *", ErrorKind::unexpected_character, Field::minute, 1, 2,
     "unexpected character '2' in the minute field"},
    {"* * * * 1;2", ErrorKind::unexpected_character, Field::day_of_week, 9, 10,
     "unexpected character ';' in the day-of-week field"},
};
INSTANTIATE_TEST_SUITE_P(Unexpected, Rejects, testing::ValuesIn(kUnexpected));

// robfig/cron spec_test.go "Unsatisfiable" and Spring's nonExistentSpecificDate: a day of month that exists in
// none of the months, with the weekday field `*`, never fires. The range covers both fields.
const Rejection kNeverFires[] = {
    {"0 0 30 2 *", ErrorKind::never_fires, Field::day_of_month, 4, 8,
     "the expression never fires: day-of-month '30' does not occur in month '2'"},
    {"0 0 31 2 *", ErrorKind::never_fires, Field::day_of_month, 4, 8,
     "the expression never fires: day-of-month '31' does not occur in month '2'"},
    {"0 0 30 Feb ?", ErrorKind::never_fires, Field::day_of_month, 4, 10,
     "the expression never fires: day-of-month '30' does not occur in month 'Feb'"},
    {"0 0 31 Apr ?", ErrorKind::never_fires, Field::day_of_month, 4, 10,
     "the expression never fires: day-of-month '31' does not occur in month 'Apr'"},
    {"0 0 31 6 *", ErrorKind::never_fires, Field::day_of_month, 4, 8,
     "the expression never fires: day-of-month '31' does not occur in month '6'"},
    {"0 0 31 4,6,9,11 *", ErrorKind::never_fires, Field::day_of_month, 4, 15,
     "the expression never fires: day-of-month '31' does not occur in month '4,6,9,11'"},
    {"0 0 30,31 feb *", ErrorKind::never_fires, Field::day_of_month, 4, 13,
     "the expression never fires: day-of-month '30,31' does not occur in month 'feb'"},
    // "*/7" starts with `*`, so the days intersect: still no 31 April.
    {"0 0 31 4 */7", ErrorKind::never_fires, Field::day_of_month, 4, 8,
     "the expression never fires: day-of-month '31' does not occur in month '4'"},
};
INSTANTIATE_TEST_SUITE_P(NeverFires, Rejects, testing::ValuesIn(kNeverFires));

TEST(CronExpression, DaysThatExistInSomeAllowedMonthFire) {
  // croniter test_is_valid_strict: 29 February exists in leap years; day 31 of "1,2" exists in January.
  for (const char* text : {"0 0 29 2 *", "0 0 31 1,2 *", "0 0 30 2,4 *", "0 0 31 * *", "0 0 * 2 *"})
    EXPECT_TRUE(parse_cron(text)) << text;
  // Both day fields restricted: the weekday half fires even though 30 February never comes.
  auto union_with_weekday = Schedule::cron("0 0 30 2 1");
  ASSERT_TRUE(union_with_weekday);
  std::chrono::sys_seconds from;
  ASSERT_TRUE(parse_utc("2025-01-01T00:00", from));
  EXPECT_EQ(format_utc(union_with_weekday.value().next(from)), "2025-02-03T00:00:00Z");
}

// croncpp's "invalid" cases across every field: each is rejected with a syntax error (not an unsupported
// extension, not never-fires) in that field, with a byte range inside the field.
TEST(CronExpression, RejectsCroncppMalformedItemsInEveryField) {
  const char* items[] = {"TEN", "-1",  "0-10-20", ",",   "0,,1", "0,1,", ",0,1", "0/10/2", "/",   "/2",
                         "2/",  "*/",  "/*",      "-/",  "/-",   "*-/",  "-*/",  "/-*",    "/*-", "*2/",
                         "/2*", "-2/", "/2-",     "*2-/", "-2*/", "/2-*", "/2*-"};
  for (int field = 0; field < 5; ++field) {
    for (const char* item : items) {
      std::string text = in_field(field, item);
      auto parsed = parse_cron(text);
      ASSERT_FALSE(parsed) << text;
      const ParseError& error = parsed.error();
      EXPECT_NE(error.kind, ErrorKind::unsupported) << text;
      EXPECT_NE(error.kind, ErrorKind::never_fires) << text;
      EXPECT_EQ(static_cast<int>(error.field), field + 1) << text;
      std::size_t field_begin = static_cast<std::size_t>(2 * field);
      EXPECT_GE(error.begin, field_begin) << text;
      EXPECT_LE(error.end, field_begin + std::string(item).size()) << text;
      EXPECT_LE(error.begin, error.end) << text;
      EXPECT_FALSE(error_message(error, text).empty()) << text;
    }
  }
}

TEST(CronExpression, FieldNamesAndRanges) {
  EXPECT_EQ(field_name(Field::minute), "minute");
  EXPECT_EQ(field_name(Field::hour), "hour");
  EXPECT_EQ(field_name(Field::day_of_month), "day-of-month");
  EXPECT_EQ(field_name(Field::month), "month");
  EXPECT_EQ(field_name(Field::day_of_week), "day-of-week");
  EXPECT_EQ(field_name(Field::none), "expression");
  EXPECT_EQ(field_range(Field::minute), "0-59");
  EXPECT_EQ(field_range(Field::hour), "0-23");
  EXPECT_EQ(field_range(Field::day_of_month), "1-31");
  EXPECT_EQ(field_range(Field::month), "1-12 or jan-dec");
  EXPECT_EQ(field_range(Field::day_of_week), "0-7 or sun-sat, with 0 and 7 both Sunday");
}

TEST(CronExpression, ErrorOffsetsCountLeadingWhitespace) {
  auto parsed = parse_cron("  60 * * * *");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().begin, 2);
  EXPECT_EQ(parsed.error().end, 4);
  EXPECT_EQ(error_message(parsed.error(), "  60 * * * *"), "minute value 60 is out of range; use 0-59");
}

}  // namespace
}  // namespace cron

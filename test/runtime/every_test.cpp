// The `every` rules (docs/design.md, "Time"): Go-style durations, a whole number of minutes from 1 minute to 24 hours
// that divides 24 hours; the errors name the text and cover all of it, and the nearest valid intervals back the
// analyzer's "did you mean" note.

#include <cron/every.hpp>
#include <cron/schedule.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <ostream>
#include <string>

namespace cron {
namespace {

constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;

struct ValidEvery {
  const char* text;
  int minutes;
};

void PrintTo(const ValidEvery& c, std::ostream* out) { *out << '"' << c.text << '"'; }

class AcceptsEvery : public testing::TestWithParam<ValidEvery> {};

TEST_P(AcceptsEvery, InMinutes) {
  auto parsed = parse_every(GetParam().text);
  ASSERT_TRUE(parsed) << error_message(parsed.error(), GetParam().text);
  EXPECT_EQ(parsed.value(), GetParam().minutes);
}

const ValidEvery kValid[] = {
    {"10m", 10},   {"2h", 120},     {"1h30m", 90},  {"24h", 1440},  {"1.5h", 90},    {"90m", 90},
    {"1m", 1},     {"30m", 30},     {"45m", 45},    {"72m", 72},    {"1440m", 1440}, {"0.5h", 30},
    {".5h", 30},   {"3600s", 60},   {"60s", 1},     {"120s", 2},    {"1h0m", 60},    {"30m1h", 90},
    {"1h30m0s", 90}, {"2h0m0s", 120}, {"8h", 480},  {"12h", 720},   {"6h", 360},     {"20m", 20},
    {"5m", 5},     {"60000ms", 1},  {"96m", 96},    {"1h36m", 96},
};
INSTANTIATE_TEST_SUITE_P(Every, AcceptsEvery, testing::ValuesIn(kValid));

TEST(ParseDuration, ReadsGoDurations) {
  EXPECT_EQ(parse_duration("10m").value(), 10 * kMinute);
  EXPECT_EQ(parse_duration("2h").value(), 2 * kHour);
  EXPECT_EQ(parse_duration("1h30m").value(), 90 * kMinute);
  EXPECT_EQ(parse_duration("1.5h").value(), 90 * kMinute);
  EXPECT_EQ(parse_duration("90s").value(), 90 * kSecond);
  EXPECT_EQ(parse_duration("7h").value(), 7 * kHour);
  EXPECT_EQ(parse_duration("25h").value(), 25 * kHour);
  EXPECT_EQ(parse_duration("1h1m").value(), 61 * kMinute);
  EXPECT_EQ(parse_duration("500ms").value(), kSecond / 2);
  EXPECT_EQ(parse_duration("1500us").value(), 1'500'000);
  EXPECT_EQ(parse_duration("1500\xC2\xB5s").value(), 1'500'000);  // micro sign
  EXPECT_EQ(parse_duration("1500\xCE\xBCs").value(), 1'500'000);  // Greek mu
  EXPECT_EQ(parse_duration("42ns").value(), 42);
  EXPECT_EQ(parse_duration("0m").value(), 0);
}

TEST(ParseDuration, UsableInConstantEvaluation) {
  static_assert(parse_duration("1h30m").value() == 90 * kMinute);
  static_assert(parse_every("2h").value() == 120);
  static_assert(parse_every("1.5h").value() == 90);
  static_assert(!parse_every("7h"));
  static_assert(parse_every("7h").error().kind == ErrorKind::every_not_divisor);
  static_assert(nearest_valid_intervals(420).below == 360 && nearest_valid_intervals(420).above == 480);
  static_assert(every_minutes_from_nanoseconds(2 * kHour).value() == 120);
  static_assert(Schedule::every("2h"));
  SUCCEED();
}

/// One rejected `every` text: its kind, the bytes the error covers, the value it reports and its message.
struct RejectedEvery {
  const char* text;
  ErrorKind kind;
  int begin;
  int end;
  std::int64_t value;
  const char* message;
};

void PrintTo(const RejectedEvery& c, std::ostream* out) { *out << '"' << c.text << '"'; }

class RejectsEvery : public testing::TestWithParam<RejectedEvery> {};

TEST_P(RejectsEvery, WithKindRangeAndMessage) {
  const RejectedEvery& c = GetParam();
  auto parsed = parse_every(c.text);
  ASSERT_FALSE(parsed) << "accepted as " << parsed.value() << " minutes";
  const ParseError& error = parsed.error();
  EXPECT_EQ(error.kind, c.kind);
  EXPECT_EQ(error.field, Field::none);
  EXPECT_EQ(error.begin, c.begin);
  EXPECT_EQ(error.end, c.end);
  EXPECT_EQ(error.value, c.value);
  EXPECT_EQ(error_message(error, c.text), c.message);
  // Schedule::every reports the same error.
  auto schedule = Schedule::every(c.text);
  ASSERT_FALSE(schedule);
  EXPECT_EQ(schedule.error().kind, c.kind);
}

const RejectedEvery kRangeAndDivisor[] = {
    {"90s", ErrorKind::every_not_whole_minutes, 0, 3, 90 * kSecond,
     "interval '90s' is not a whole number of minutes"},
    {"1m30s", ErrorKind::every_not_whole_minutes, 0, 5, 90 * kSecond,
     "interval '1m30s' is not a whole number of minutes"},
    {"1.25m", ErrorKind::every_not_whole_minutes, 0, 5, 75 * kSecond,
     "interval '1.25m' is not a whole number of minutes"},
    {"30s", ErrorKind::every_too_short, 0, 3, 30 * kSecond, "interval '30s' is shorter than 1 minute"},
    {"0m", ErrorKind::every_too_short, 0, 2, 0, "interval '0m' is shorter than 1 minute"},
    {"500ms", ErrorKind::every_too_short, 0, 5, kSecond / 2, "interval '500ms' is shorter than 1 minute"},
    {"25h", ErrorKind::every_too_long, 0, 3, 1500, "interval '25h' is longer than 24 hours"},
    {"24h1m", ErrorKind::every_too_long, 0, 5, 1441, "interval '24h1m' is longer than 24 hours"},
    {"48h", ErrorKind::every_too_long, 0, 3, 2880, "interval '48h' is longer than 24 hours"},
    {"7h", ErrorKind::every_not_divisor, 0, 2, 420, "interval '7h' does not divide 24 hours evenly"},
    {"7m", ErrorKind::every_not_divisor, 0, 2, 7, "interval '7m' does not divide 24 hours evenly"},
    {"1h1m", ErrorKind::every_not_divisor, 0, 4, 61, "interval '1h1m' does not divide 24 hours evenly"},
    {"13h", ErrorKind::every_not_divisor, 0, 3, 780, "interval '13h' does not divide 24 hours evenly"},
};
INSTANTIATE_TEST_SUITE_P(RangeAndDivisor, RejectsEvery, testing::ValuesIn(kRangeAndDivisor));

constexpr const char* kHint = "; write hours and minutes such as \"30m\", \"2h\" or \"1h30m\"";

// The message quotes the offending characters when there are any, and the whole text always.
const RejectedEvery kSyntax[] = {
    {"", ErrorKind::every_syntax, 0, 0, 0,
     "invalid interval ''; write hours and minutes such as \"30m\", \"2h\" or \"1h30m\""},
    {"h", ErrorKind::every_syntax, 0, 1, 0,
     "invalid interval 'h': unexpected 'h'; write hours and minutes such as \"30m\", \"2h\" or \"1h30m\""},
    {"2d", ErrorKind::every_syntax, 1, 2, 0,
     "invalid interval '2d': unexpected 'd'; write hours and minutes such as \"30m\", \"2h\" or \"1h30m\""},
    {"2 h", ErrorKind::every_syntax, 1, 3, 0,
     "invalid interval '2 h': unexpected ' h'; write hours and minutes such as \"30m\", \"2h\" or \"1h30m\""},
    {"2", ErrorKind::every_syntax, 1, 1, 0,
     "invalid interval '2'; write hours and minutes such as \"30m\", \"2h\" or \"1h30m\""},
    {"1h30", ErrorKind::every_syntax, 4, 4, 0,
     "invalid interval '1h30'; write hours and minutes such as \"30m\", \"2h\" or \"1h30m\""},
    {"-5m", ErrorKind::every_syntax, 0, 1, 0,
     "invalid interval '-5m': unexpected '-'; write hours and minutes such as \"30m\", \"2h\" or \"1h30m\""},
    {"2hh", ErrorKind::every_syntax, 2, 3, 0,
     "invalid interval '2hh': unexpected 'h'; write hours and minutes such as \"30m\", \"2h\" or \"1h30m\""},
    {"two hours", ErrorKind::every_syntax, 0, 1, 0,
     "invalid interval 'two hours': unexpected 't'; write hours and minutes such as \"30m\", \"2h\" or "
     "\"1h30m\""},
    {" 2h", ErrorKind::every_syntax, 0, 1, 0,
     "invalid interval ' 2h': unexpected ' '; write hours and minutes such as \"30m\", \"2h\" or \"1h30m\""},
};
INSTANTIATE_TEST_SUITE_P(Syntax, RejectsEvery, testing::ValuesIn(kSyntax));

TEST(ParseDuration, SyntaxMessagesShareTheHint) {
  for (const auto& c : kSyntax) EXPECT_TRUE(std::string(c.message).ends_with(kHint)) << c.text;
}

TEST(ParseDuration, HugeNumbersAreSyntaxErrorsNotOverflow) {
  auto huge = parse_duration("99999999999999999999h");
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().kind, ErrorKind::every_syntax);
  auto long_hours = parse_every("9999999999h");
  ASSERT_FALSE(long_hours);
  EXPECT_EQ(long_hours.error().kind, ErrorKind::every_syntax);
}

TEST(EveryMinutesFromNanoseconds, AppliesTheRulesToChronoDurations) {
  EXPECT_EQ(every_minutes_from_nanoseconds(2 * kHour).value(), 120);
  EXPECT_EQ(every_minutes_from_nanoseconds(90 * kMinute).value(), 90);
  EXPECT_EQ(every_minutes_from_nanoseconds(24 * kHour).value(), 1440);
  EXPECT_EQ(every_minutes_from_nanoseconds(kMinute).value(), 1);

  // The range the caller passes is the one the error covers: the analyzer's location of the argument.
  auto seconds = every_minutes_from_nanoseconds(90 * kSecond, 5, 9);
  ASSERT_FALSE(seconds);
  EXPECT_EQ(seconds.error().kind, ErrorKind::every_not_whole_minutes);
  EXPECT_EQ(seconds.error().begin, 5);
  EXPECT_EQ(seconds.error().end, 9);
  EXPECT_EQ(seconds.error().value, 90 * kSecond);

  auto short_one = every_minutes_from_nanoseconds(kMinute - 1);
  ASSERT_FALSE(short_one);
  EXPECT_EQ(short_one.error().kind, ErrorKind::every_too_short);

  auto negative = every_minutes_from_nanoseconds(-kHour);
  ASSERT_FALSE(negative);
  EXPECT_EQ(negative.error().kind, ErrorKind::every_too_short);

  auto long_one = every_minutes_from_nanoseconds(24 * kHour + kMinute);
  ASSERT_FALSE(long_one);
  EXPECT_EQ(long_one.error().kind, ErrorKind::every_too_long);
  EXPECT_EQ(long_one.error().value, 1441);

  auto seven = every_minutes_from_nanoseconds(7 * kHour);
  ASSERT_FALSE(seven);
  EXPECT_EQ(seven.error().kind, ErrorKind::every_not_divisor);
  EXPECT_EQ(seven.error().value, 420);
}

TEST(EveryMinutesFromNanoseconds, ExactlyTheThirtySixDivisorsOfADayAreValid) {
  int valid = 0;
  for (int minutes = 1; minutes <= 1440; ++minutes) {
    bool divides = 1440 % minutes == 0;
    auto checked = every_minutes_from_nanoseconds(minutes * kMinute);
    EXPECT_EQ(static_cast<bool>(checked), divides) << minutes;
    if (checked) {
      ++valid;
      EXPECT_EQ(checked.value(), minutes);
    } else {
      EXPECT_EQ(checked.error().kind, ErrorKind::every_not_divisor) << minutes;
    }
  }
  EXPECT_EQ(valid, 36);
}

TEST(NearestValidIntervals, BracketTheRejectedValue) {
  struct Case {
    std::int64_t minutes;
    int below;
    int above;
  };
  const Case cases[] = {
      {420, 360, 480},   // 7h: "6h" and "8h"
      {7, 6, 8},         {50, 48, 60},      {100, 96, 120},   {61, 60, 72},     {780, 720, 1440},
      {1000, 720, 1440}, {1500, 1440, 0},   {2880, 1440, 0},  {0, 0, 1},        {11, 10, 12},
      {91, 90, 96},
  };
  for (const auto& c : cases) {
    NearestIntervals nearest = nearest_valid_intervals(c.minutes);
    EXPECT_EQ(nearest.below, c.below) << c.minutes;
    EXPECT_EQ(nearest.above, c.above) << c.minutes;
  }
}

TEST(FormatInterval, WritesWhatAUserWouldType) {
  EXPECT_EQ(format_interval(1), "1m");
  EXPECT_EQ(format_interval(45), "45m");
  EXPECT_EQ(format_interval(60), "1h");
  EXPECT_EQ(format_interval(90), "1h30m");
  EXPECT_EQ(format_interval(72), "1h12m");
  EXPECT_EQ(format_interval(360), "6h");
  EXPECT_EQ(format_interval(480), "8h");
  EXPECT_EQ(format_interval(1440), "24h");
  // The note for "7h" reads: the nearest valid intervals are "6h" and "8h".
  NearestIntervals nearest = nearest_valid_intervals(parse_duration("7h").value() / kMinute);
  EXPECT_EQ(format_interval(nearest.below), "6h");
  EXPECT_EQ(format_interval(nearest.above), "8h");
}

TEST(FormatInterval, RoundTripsThroughParseEvery) {
  for (int minutes = 1; minutes <= 1440; ++minutes) {
    if (1440 % minutes != 0) continue;
    std::string text = format_interval(minutes);
    auto parsed = parse_every(text);
    ASSERT_TRUE(parsed) << text;
    EXPECT_EQ(parsed.value(), minutes) << text;
  }
}

TEST(EverySchedule, FromMinutesMatchesFromText) {
  EXPECT_EQ(Schedule::every_minutes(120).value(), Schedule::every("2h").value());
  EXPECT_EQ(Schedule::every_minutes(1440).value(), Schedule::every("24h").value());
  EXPECT_EQ(Schedule::every("2h").value().interval_minutes(), 120);
  EXPECT_TRUE(Schedule::every("2h").value().is_every());
  EXPECT_FALSE(Schedule::cron("0 */2 * * *").value().is_every());
  EXPECT_EQ(Schedule::every_minutes(0).error().kind, ErrorKind::every_too_short);
  EXPECT_EQ(Schedule::every_minutes(420).error().kind, ErrorKind::every_not_divisor);
  EXPECT_EQ(Schedule::every_minutes(1441).error().kind, ErrorKind::every_too_long);
}

}  // namespace
}  // namespace cron

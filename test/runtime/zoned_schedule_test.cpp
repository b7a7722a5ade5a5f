// Zoned fire times (docs/time-zones.md): cronie's rule for clock changes around every kind of transition in the
// system's tz database, a reference evaluator that steps minute by minute through the rule's definition, and
// systemd's own calendar arithmetic for times away from transitions.

#include <cron/tz_database.hpp>
#include <cron/zoned_schedule.hpp>

#include <shell_command.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace cron {
namespace {

using namespace std::chrono;

sys_seconds utc(std::string_view text) {
  sys_seconds time{};
  EXPECT_TRUE(parse_utc(text, time)) << "bad time in the test table: " << text;
  return time;
}

std::shared_ptr<const ZoneRules> zone(std::string_view name) {
  auto rules = tz::load_zone(name);
  EXPECT_NE(rules, nullptr) << name << " is not in the system's tz database";
  return rules ? rules : std::make_shared<const ZoneRules>();
}

ZonedSchedule zoned(std::string_view expression, std::string_view zone_name) {
  auto schedule = ZonedSchedule::cron(expression, zone(zone_name));
  EXPECT_TRUE(schedule) << expression;
  return schedule ? schedule.value() : ZonedSchedule::cron("* * * * *", zone(zone_name)).value();
}

/// The first `count` fire times after `from`, as local times with their offsets.
std::vector<std::string> local_fires(const ZonedSchedule& schedule, sys_seconds from, std::size_t count) {
  std::vector<std::string> times;
  for (std::size_t i = 0; i < count; ++i) {
    from = schedule.next(from);
    times.push_back(format_local(from, schedule.zone().offset_at(from)));
  }
  return times;
}

/// One row: an expression in a zone, a UTC start, and the local fire times that follow it.
struct ZonedCase {
  const char* what;
  const char* zone;
  const char* expression;
  const char* from;
  std::vector<std::string> fires;
};

void PrintTo(const ZonedCase& c, std::ostream* out) {
  *out << c.what << ": \"" << c.expression << "\" in " << c.zone << " after " << c.from;
}

class ZonedFire : public testing::TestWithParam<ZonedCase> {};

TEST_P(ZonedFire, FollowsCronieAcrossTheClockChange) {
  const ZonedCase& c = GetParam();
  EXPECT_EQ(local_fires(zoned(c.expression, c.zone), utc(c.from), c.fires.size()), c.fires);
}

// Europe/Berlin: 2026-03-29 02:00 CET becomes 03:00 CEST (01:00Z); 2026-10-25 03:00 CEST becomes 02:00 CET.
INSTANTIATE_TEST_SUITE_P(
    EuropeBerlin, ZonedFire,
    testing::Values(
        ZonedCase{"a fixed time in the gap fires once at the gap's end", "Europe/Berlin", "30 2 * * *",
                  "2026-03-28T23:00Z", {"2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00"}},
        ZonedCase{"skipped times landing on one instant fire once", "Europe/Berlin", "0,30 2 * * *",
                  "2026-03-28T23:00Z", {"2026-03-29T03:00:00+02:00", "2026-03-30T02:00:00+02:00"}},
        ZonedCase{"a skipped time and the gap's end fire once", "Europe/Berlin", "0 2,3 * * *", "2026-03-28T23:00Z",
                  {"2026-03-29T03:00:00+02:00", "2026-03-30T02:00:00+02:00", "2026-03-30T03:00:00+02:00"}},
        ZonedCase{"every 15 minutes skips the missing hour", "Europe/Berlin", "*/15 * * * *", "2026-03-29T00:30Z",
                  {"2026-03-29T01:45:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-29T03:15:00+02:00"}},
        ZonedCase{"hourly skips the missing hour", "Europe/Berlin", "0 * * * *", "2026-03-28T23:30Z",
                  {"2026-03-29T01:00:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-29T04:00:00+02:00"}},
        ZonedCase{"every minute of 02:00 does not exist that day", "Europe/Berlin", "* 2 * * *",
                  "2026-03-28T23:00Z", {"2026-03-30T02:00:00+02:00", "2026-03-30T02:01:00+02:00"}},
        ZonedCase{"a fixed time in the repeat fires at its first pass", "Europe/Berlin", "30 2 * * *",
                  "2026-10-24T22:00Z", {"2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00"}},
        ZonedCase{"from inside the second pass, the repeated time waits a day", "Europe/Berlin", "30 2 * * *",
                  "2026-10-25T01:10Z", {"2026-10-26T02:30:00+01:00"}},
        ZonedCase{"every 15 minutes runs both passes", "Europe/Berlin", "*/15 * * * *", "2026-10-25T00:30Z",
                  {"2026-10-25T02:45:00+02:00", "2026-10-25T02:00:00+01:00", "2026-10-25T02:15:00+01:00",
                   "2026-10-25T02:30:00+01:00", "2026-10-25T02:45:00+01:00", "2026-10-25T03:00:00+01:00"}},
        ZonedCase{"hourly runs both passes", "Europe/Berlin", "0 * * * *", "2026-10-24T23:30Z",
                  {"2026-10-25T02:00:00+02:00", "2026-10-25T02:00:00+01:00", "2026-10-25T03:00:00+01:00"}},
        ZonedCase{"every minute of 02:00 runs in both passes", "Europe/Berlin", "* 2 * * *", "2026-10-25T00:58Z",
                  {"2026-10-25T02:59:00+02:00", "2026-10-25T02:00:00+01:00", "2026-10-25T02:01:00+01:00"}},
        ZonedCase{"the rules carry on past the compiled file's 2037", "Europe/Berlin", "30 2 * * *",
                  "2040-03-24T23:00Z", {"2040-03-25T03:00:00+02:00", "2040-03-26T02:30:00+02:00"}}));

// America/New_York: 2026-03-08 02:00 EST becomes 03:00 EDT (07:00Z); 2026-11-01 02:00 EDT becomes 01:00 EST.
INSTANTIATE_TEST_SUITE_P(
    AmericaNewYork, ZonedFire,
    testing::Values(
        ZonedCase{"a fixed time in the gap fires once at the gap's end", "America/New_York", "30 2 * * *",
                  "2026-03-08T05:00Z", {"2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00"}},
        ZonedCase{"every 15 minutes skips the missing hour", "America/New_York", "*/15 * * * *",
                  "2026-03-08T06:30Z", {"2026-03-08T01:45:00-05:00", "2026-03-08T03:00:00-04:00"}},
        ZonedCase{"hourly skips the missing hour", "America/New_York", "0 * * * *", "2026-03-08T05:30Z",
                  {"2026-03-08T01:00:00-05:00", "2026-03-08T03:00:00-04:00"}},
        ZonedCase{"every minute of 02:00 does not exist that day", "America/New_York", "* 2 * * *",
                  "2026-03-08T05:00Z", {"2026-03-09T02:00:00-04:00"}},
        ZonedCase{"a fixed time in the repeat fires at its first pass", "America/New_York", "30 1 * * *",
                  "2026-11-01T04:00Z", {"2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"}},
        ZonedCase{"every 15 minutes runs both passes", "America/New_York", "*/15 * * * *", "2026-11-01T05:30Z",
                  {"2026-11-01T01:45:00-04:00", "2026-11-01T01:00:00-05:00", "2026-11-01T01:15:00-05:00"}},
        ZonedCase{"hourly runs both passes", "America/New_York", "0 * * * *", "2026-11-01T04:30Z",
                  {"2026-11-01T01:00:00-04:00", "2026-11-01T01:00:00-05:00", "2026-11-01T02:00:00-05:00"}},
        ZonedCase{"every minute of 01:00 runs in both passes", "America/New_York", "* 1 * * *", "2026-11-01T05:58Z",
                  {"2026-11-01T01:59:00-04:00", "2026-11-01T01:00:00-05:00"}},
        ZonedCase{"02:00 exists once on the day it is reached twice", "America/New_York", "0 2 * * *",
                  "2026-11-01T04:00Z", {"2026-11-01T02:00:00-05:00", "2026-11-02T02:00:00-05:00"}}));

INSTANTIATE_TEST_SUITE_P(
    OtherTransitions, ZonedFire,
    testing::Values(
        // Lord Howe Island moves by 30 minutes: 02:00 +10:30 becomes 02:30 +11, and 02:00 +11 becomes 01:30 +10:30.
        ZonedCase{"a half-hour gap", "Australia/Lord_Howe", "15 2 * * *", "2026-10-03T13:00Z",
                  {"2026-10-04T02:30:00+11:00", "2026-10-05T02:15:00+11:00"}},
        ZonedCase{"every 15 minutes over a half-hour gap", "Australia/Lord_Howe", "*/15 * * * *", "2026-10-03T15:00Z",
                  {"2026-10-04T01:45:00+10:30", "2026-10-04T02:30:00+11:00"}},
        ZonedCase{"a half-hour repeat, fixed", "Australia/Lord_Howe", "45 1 * * *", "2026-04-04T13:00Z",
                  {"2026-04-05T01:45:00+11:00", "2026-04-06T01:45:00+10:30"}},
        ZonedCase{"a half-hour repeat, every 15 minutes", "Australia/Lord_Howe", "*/15 * * * *", "2026-04-04T14:20Z",
                  {"2026-04-05T01:30:00+11:00", "2026-04-05T01:45:00+11:00", "2026-04-05T01:30:00+10:30",
                   "2026-04-05T01:45:00+10:30", "2026-04-05T02:00:00+10:30"}},
        // Santiago changes at midnight: 2026-09-06 00:00 -04 becomes 01:00 -03; 2026-04-05 00:00 -03 is 04-04 23:00 -04.
        ZonedCase{"midnight skipped fires at 01:00", "America/Santiago", "0 0 * * *", "2026-09-05T12:00Z",
                  {"2026-09-06T01:00:00-03:00", "2026-09-07T00:00:00-03:00"}},
        ZonedCase{"a Sunday's skipped midnight still fires on Sunday", "America/Santiago", "0 0 * * 0",
                  "2026-09-01T00:00Z", {"2026-09-06T01:00:00-03:00", "2026-09-13T00:00:00-03:00"}},
        ZonedCase{"the repeated hour before midnight, fixed", "America/Santiago", "30 23 * * *", "2026-04-04T12:00Z",
                  {"2026-04-04T23:30:00-03:00", "2026-04-05T23:30:00-04:00"}},
        ZonedCase{"the repeated hour before midnight, hourly", "America/Santiago", "0 * * * *", "2026-04-05T01:30Z",
                  {"2026-04-04T23:00:00-03:00", "2026-04-04T23:00:00-04:00", "2026-04-05T00:00:00-04:00"}},
        // Samoa skipped 2011-12-30: 12-29 24:00 -10 became 12-31 00:00 +14.
        ZonedCase{"a daily time on the skipped day fires at the day's end", "Pacific/Apia", "0 9 * * *",
                  "2011-12-29T12:00Z",
                  {"2011-12-29T09:00:00-10:00", "2011-12-31T00:00:00+14:00", "2011-12-31T09:00:00+14:00"}},
        ZonedCase{"a job for that date alone fires once", "Pacific/Apia", "0 12 30 12 *", "2011-12-01T00:00Z",
                  {"2011-12-31T00:00:00+14:00", "2012-12-30T12:00:00+14:00"}},
        ZonedCase{"hourly has no hour on the skipped day", "Pacific/Apia", "0 * * * *", "2011-12-30T08:30Z",
                  {"2011-12-29T23:00:00-10:00", "2011-12-31T00:00:00+14:00", "2011-12-31T01:00:00+14:00"}},
        // tzdata writes Irish time as IST standard with a negative save in winter: only the offsets matter.
        ZonedCase{"Dublin's spring gap", "Europe/Dublin", "30 1 * * *", "2026-03-28T23:00Z",
                  {"2026-03-29T02:00:00+01:00", "2026-03-30T01:30:00+01:00"}},
        ZonedCase{"Dublin's autumn repeat", "Europe/Dublin", "30 1 * * *", "2026-10-24T22:00Z",
                  {"2026-10-25T01:30:00+01:00", "2026-10-26T01:30:00+00:00"}},
        ZonedCase{"a half-hour offset with no changes", "Asia/Kolkata", "30 9 * * 1-5", "2026-06-05T00:00Z",
                  {"2026-06-05T09:30:00+05:30", "2026-06-08T09:30:00+05:30"}},
        ZonedCase{"Etc/UTC is UTC", "Etc/UTC", "0 4 15 * *", "2026-06-01T00:00Z",
                  {"2026-06-15T04:00:00+00:00", "2026-07-15T04:00:00+00:00"}}));

TEST(ClockChangeRule, WildcardWhenTheMinuteOrHourFieldStartsWithAStar) {
  EXPECT_EQ(clock_change_rule("*/15 * * * *"), ClockChangeRule::every_instant);
  EXPECT_EQ(clock_change_rule("0 * * * *"), ClockChangeRule::every_instant);
  EXPECT_EQ(clock_change_rule(" 5 */2 * * *"), ClockChangeRule::every_instant);
  EXPECT_EQ(clock_change_rule("@hourly"), ClockChangeRule::every_instant);
  EXPECT_EQ(clock_change_rule("0-59 0-23 * * *"), ClockChangeRule::once_per_local_time);
  EXPECT_EQ(clock_change_rule("30 2 * * *"), ClockChangeRule::once_per_local_time);
  EXPECT_EQ(clock_change_rule("@Daily"), ClockChangeRule::once_per_local_time);
}

// The reference: what the rule says, evaluated minute by minute from the definitions, with no period arithmetic.
bool matches(const CronFields& fields, sys_seconds local) {
  auto day = floor<days>(local);
  year_month_day date{day};
  hh_mm_ss time{local - day};
  auto bit = [](std::uint64_t mask, long value) { return (mask >> value & 1) != 0; };
  bool by_month_day = bit(fields.days_of_month, static_cast<unsigned>(date.day()));
  bool by_weekday = bit(fields.days_of_week, weekday{day}.c_encoding());
  bool day_matches = fields.days_intersect() ? by_month_day && by_weekday : by_month_day || by_weekday;
  return day_matches && bit(fields.months, static_cast<unsigned>(date.month())) &&
         bit(fields.hours, time.hours().count()) && bit(fields.minutes, time.minutes().count());
}

/// Whether the job fires at the whole minute `instant`, straight from the rule's words.
bool reference_fires(const ZonedSchedule& schedule, sys_seconds instant) {
  const ZoneRules& rules = schedule.zone();
  const CronFields& fields = schedule.schedule().fields();
  seconds offset = rules.offset_at(instant);
  sys_seconds local = instant + offset;
  if (schedule.rule() == ClockChangeRule::every_instant) return matches(fields, local);
  if (matches(fields, local)) {
    // Fixed: only the first instant that shows this wall time.
    bool shown_before = false;
    for (seconds other : {rules.offset_at(instant - days{1}), rules.offset_at(instant + days{1})}) {
      sys_seconds earlier = local - other;
      if (earlier < instant && rules.offset_at(earlier) == other) shown_before = true;
    }
    if (!shown_before) return true;
  }
  // Fixed: wall times skipped by a change that happened right at `instant`.
  seconds before = rules.offset_at(instant - seconds{1});
  for (sys_seconds skipped = instant + before; skipped < local; skipped += minutes{1})
    if (matches(fields, skipped)) return true;
  return false;
}

std::vector<sys_seconds> engine_fires(const ZonedSchedule& schedule, sys_seconds from, sys_seconds until) {
  std::vector<sys_seconds> fires;
  for (sys_seconds t = schedule.next(from); t <= until; t = schedule.next(t)) fires.push_back(t);
  return fires;
}

std::vector<sys_seconds> reference_fires(const ZonedSchedule& schedule, sys_seconds from, sys_seconds until) {
  std::vector<sys_seconds> fires;
  for (sys_seconds t = from + minutes{1}; t <= until; t += minutes{1})
    if (reference_fires(schedule, t)) fires.push_back(t);
  return fires;
}

std::vector<std::string> local_texts(const ZoneRules& rules, const std::vector<sys_seconds>& instants) {
  std::vector<std::string> texts;
  for (sys_seconds t : instants) texts.push_back(format_local(t, rules.offset_at(t)));
  return texts;
}

TEST(ZonedReference, TheEngineAgreesWithMinuteSteppingAroundEveryTransition) {
  const std::vector<const char*> expressions = {
      "30 2 * * *", "0,30 2 * * *", "0 2,3 * * *", "*/15 * * * *", "0 * * * *", "* 2 * * *", "45 1 * * *",
      "0 0 * * *", "30 23 * * *", "0 9 * * *", "15 2-3 * * 0", "*/7 1-3 * * *", "0 0 * * 0", "59 23 * * *",
      "0 12 30 12 *", "10 0-4 * * *"};
  struct Window {
    const char* zone;
    int first_year;
    int last_year;
  };
  const std::vector<Window> windows = {{"Europe/Berlin", 2026, 2027},      {"America/New_York", 2026, 2027},
                                       {"Australia/Lord_Howe", 2026, 2027}, {"America/Santiago", 2026, 2027},
                                       {"Pacific/Apia", 2011, 2012},        {"Europe/Dublin", 2026, 2026},
                                       {"Asia/Kolkata", 2026, 2026}};
  std::size_t transitions_checked = 0;
  for (const Window& window : windows) {
    auto rules = zone(window.zone);
    sys_seconds first = sys_days{year{window.first_year} / 1 / 1};
    sys_seconds last = sys_days{year{window.last_year + 1} / 1 / 1};
    std::vector<sys_seconds> around = {first};  // a zone without changes still gets one window
    for (const ZoneTransition& transition : rules->transitions())
      if (transition.at >= first && transition.at < last) around.push_back(transition.at);
    transitions_checked += around.size() - 1;
    for (const char* expression : expressions) {
      auto schedule = ZonedSchedule::cron(expression, rules);
      ASSERT_TRUE(schedule) << expression;
      for (sys_seconds at : around) {
        sys_seconds from = at - hours{40};
        sys_seconds until = at + hours{40};
        EXPECT_EQ(local_texts(*rules, engine_fires(schedule.value(), from, until)),
                  local_texts(*rules, reference_fires(schedule.value(), from, until)))
            << '"' << expression << "\" in " << window.zone << " around " << format_utc(at);
      }
    }
  }
  EXPECT_GE(transitions_checked, 17u);  // Europe/Berlin alone changes four times in 2026-2027
}

TEST(ZonedReference, TheEngineAgreesAroundEveryZonesChangesThisDecade) {
  // Every zone and link of the system's database, each change from 2020 to 2030, the hours either side: the shapes
  // that matter at a change (fixed in the gap, fixed in the repeat, wildcard) over every real offset and shift.
  const std::vector<const char*> expressions = {"0,30 * * * *", "15 0-3 * * *", "45 23 * * *", "30 2 * * *"};
  const sys_seconds first = sys_days{year{2020} / 1 / 1};
  const sys_seconds last = sys_days{year{2031} / 1 / 1};
  std::size_t changes = 0;
  for (const std::string& name : tz::zone_names()) {
    auto rules = tz::load_zone(name);
    ASSERT_NE(rules, nullptr) << name;
    for (const ZoneTransition& transition : rules->transitions()) {
      if (transition.at < first || transition.at >= last) continue;
      ++changes;
      for (const char* expression : expressions) {
        auto schedule = ZonedSchedule::cron(expression, rules).value();
        sys_seconds from = transition.at - hours{4};
        sys_seconds until = transition.at + hours{4};
        ASSERT_EQ(local_texts(*rules, engine_fires(schedule, from, until)),
                  local_texts(*rules, reference_fires(schedule, from, until)))
            << '"' << expression << "\" in " << name << " around " << format_utc(transition.at);
      }
    }
  }
  EXPECT_GT(changes, 1000u);
}

/// systemd's next elapse times (UTC) for an OnCalendar expression with a zone, after `base`.
std::vector<std::string> systemd_fires(const std::string& spec, sys_seconds base, int count) {
  std::string command = "TZ=UTC systemd-analyze calendar --iterations=" + std::to_string(count) + " --base-time=@" +
                        std::to_string(base.time_since_epoch().count()) + " " + cronc::testing::shell_quote(spec);
  auto result = cronc::testing::run_command(command);
  EXPECT_EQ(result.exit_code, 0) << command << "\n" << result.output;
  std::vector<std::string> fires;
  std::istringstream lines(result.output);
  for (std::string line; std::getline(lines, line);) {
    auto colon = line.find(": ");
    if (colon == std::string::npos) continue;
    std::string label = line.substr(0, colon);
    if (label.find("Next elapse") == std::string::npos && label.find("Iter. #") == std::string::npos) continue;
    // "Mon 2026-06-01 07:30:00 UTC" -> "2026-06-01T07:30:00Z"
    std::string stamp = line.substr(colon + 2);
    fires.push_back(stamp.substr(4, 10) + "T" + stamp.substr(15, 8) + "Z");
  }
  return fires;
}

TEST(ZonedSystemd, AgreesWithSystemdAwayFromTransitions) {
  if (cronc::testing::run_command("systemd-analyze --version").exit_code != 0)
    GTEST_SKIP() << "systemd-analyze is not installed (scripts/setup.sh installs systemd)";
  struct Pair {
    const char* cron;
    const char* calendar;
  };
  const std::vector<Pair> pairs = {{"30 9 * * *", "*-*-* 09:30:00"},
                                   {"*/15 8-17 * * 1-5", "Mon..Fri *-*-* 08..17:00/15:00"},
                                   {"0 12 1 * *", "*-*-01 12:00:00"},
                                   {"45 18 * * 6", "Sat *-*-* 18:45:00"},
                                   {"0 0 * * *", "*-*-* 00:00:00"}};
  const std::vector<const char*> zones = {"Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe",
                                          "America/Santiago", "Europe/Dublin"};
  const sys_seconds base = utc("2026-06-01T00:00Z");  // months from any change in these zones
  constexpr int kCount = 8;
  for (const char* zone_name : zones) {
    for (const Pair& pair : pairs) {
      auto schedule = zoned(pair.cron, zone_name);
      std::vector<std::string> ours;
      for (sys_seconds t = schedule.next(base); ours.size() < kCount; t = schedule.next(t))
        ours.push_back(format_utc(t));
      EXPECT_EQ(ours, systemd_fires(std::string(pair.calendar) + " " + zone_name, base, kCount))
          << '"' << pair.cron << "\" in " << zone_name;
    }
  }
}

TEST(ClockChangeEffects, NameTheFirstSkippedOrRepeatedTime) {
  auto berlin = zone("Europe/Berlin");
  auto effect = first_clock_change_effect(Schedule::cron("30 2 * * *").value(), *berlin, utc("2026-01-01T00:00Z"),
                                          utc("2029-01-01T00:00Z"));
  ASSERT_TRUE(effect);
  EXPECT_EQ(effect->kind, ClockChangeEffect::Kind::skipped);
  EXPECT_EQ(format_utc(effect->local_time), "2026-03-29T02:30:00Z");
  EXPECT_EQ(format_local(effect->fires_at, effect->transition.offset), "2026-03-29T03:00:00+02:00");

  auto repeat = first_clock_change_effect(Schedule::cron("30 2 * * *").value(), *berlin, utc("2026-04-01T00:00Z"),
                                          utc("2029-01-01T00:00Z"));
  ASSERT_TRUE(repeat);
  EXPECT_EQ(repeat->kind, ClockChangeEffect::Kind::repeated);
  EXPECT_EQ(format_local(repeat->fires_at, repeat->offset_before), "2026-10-25T02:30:00+02:00");

  // 04:00 is never skipped nor repeated in Berlin.
  EXPECT_FALSE(first_clock_change_effect(Schedule::cron("0 4 * * *").value(), *berlin, utc("2026-01-01T00:00Z"),
                                         utc("2029-01-01T00:00Z")));
  auto monthly = first_clock_change_effect(Schedule::cron("30 2 1 * *").value(), *berlin, utc("2026-01-01T00:00Z"),
                                           utc("2029-01-01T00:00Z"));
  EXPECT_FALSE(monthly) << "the 1st of a month is never a last Sunday";
  EXPECT_FALSE(first_clock_change_effect(Schedule::cron("30 2 * * *").value(), *zone("Asia/Kolkata"),
                                         utc("2026-01-01T00:00Z"), utc("2029-01-01T00:00Z")));
}

TEST(TzDatabase, UnknownZonesAndNearestNames) {
  EXPECT_EQ(tz::load_zone("Europe/Berln"), nullptr);
  EXPECT_EQ(tz::load_zone(""), nullptr);
  EXPECT_NE(tz::load_zone("US/Eastern"), nullptr) << "links are zones too";
  EXPECT_EQ(tz::nearest_zone_names("Europe/Berln", 1), std::vector<std::string>{"Europe/Berlin"});
  EXPECT_EQ(tz::nearest_zone_names("america/new_york", 1), std::vector<std::string>{"America/New_York"});
  EXPECT_EQ(tz::edit_distance("Europe/Berln", "Europe/Berlin"), 1u);
  EXPECT_EQ(tz::edit_distance("abc", "ABC"), 0u);
  EXPECT_EQ(tz::edit_distance("", "abc"), 3u);
}

TEST(FormatLocal, WritesTheOffset) {
  EXPECT_EQ(format_local(utc("2027-03-28T01:00Z"), hours{2}), "2027-03-28T03:00:00+02:00");
  EXPECT_EQ(format_local(utc("2026-06-01T04:00Z"), -hours{4}), "2026-06-01T00:00:00-04:00");
  EXPECT_EQ(format_local(utc("2026-06-01T04:00Z"), minutes{330}), "2026-06-01T09:30:00+05:30");
}

}  // namespace
}  // namespace cron

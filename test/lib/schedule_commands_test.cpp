#include "cli/schedule_commands.hpp"

#include <cron/schedule.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace cronc {
namespace {

struct Printed {
  int status;
  std::string out;
  std::string err;
};

template <class Command>
Printed run(Command command, std::string_view expression, int count, std::string_view from) {
  ScheduleQuery query{expression, count, {}, {}};
  EXPECT_TRUE(cron::parse_utc(from, query.from));
  std::ostringstream out, err;
  int status = command(query, out, err);
  return {status, out.str(), err.str()};
}

TEST(NextCommand, PrintsIsoTimesOneALine) {
  auto printed = run(print_next_fire_times, "0 4 15 * *", 3, "2026-03-01T10:00:00Z");
  EXPECT_EQ(printed.status, 0);
  EXPECT_EQ(printed.out, "2026-03-15T04:00:00Z\n2026-04-15T04:00:00Z\n2026-05-15T04:00:00Z\n");
  EXPECT_EQ(printed.err, "");
}

TEST(NextCommand, AcceptsEveryInBothForms) {
  EXPECT_EQ(run(print_next_fire_times, "every 90m", 2, "2026-03-01T23:00:00Z").out,
            "2026-03-02T00:00:00Z\n2026-03-02T01:30:00Z\n");
  EXPECT_EQ(run(print_next_fire_times, "every:120", 1, "2026-03-01T23:00:00Z").out, "2026-03-02T00:00:00Z\n");
}

TEST(NextCommand, PutsACaretUnderTheOffendingCharacter) {
  auto printed = run(print_next_fire_times, "0 4 32 * *", 1, "2026-03-01T10:00:00Z");
  EXPECT_EQ(printed.status, 1);
  EXPECT_EQ(printed.out, "");
  EXPECT_EQ(printed.err,
            "cronc: error: day-of-month value 32 is out of range; use 1-31\n"
            "  0 4 32 * *\n"
            "      ^~\n");
}

TEST(NextCommand, ExplainsABadIntervalWithItsNearestValidValues) {
  auto printed = run(print_next_fire_times, "every 7h", 1, "2026-03-01T10:00:00Z");
  EXPECT_EQ(printed.status, 1);
  EXPECT_EQ(printed.err,
            "cronc: error: interval '7h' does not divide 24 hours evenly\n"
            "  every 7h\n"
            "        ^~\n"
            "cronc: note: the nearest valid intervals are \"6h\" and \"8h\"\n");
}

TEST(ExplainCommand, PrintsEnglishThenTheNextTimes) {
  auto printed = run(print_explanation, "30 9 * * 1-5", 2, "2026-11-27T10:00:00Z");
  EXPECT_EQ(printed.status, 0);
  EXPECT_EQ(printed.out,
            "at 09:30 UTC, Monday through Friday\n"
            "next fire times after 2026-11-27T10:00:00Z:\n"
            "  2026-11-30T09:30:00Z\n"
            "  2026-12-01T09:30:00Z\n");
}

TEST(NextCommand, PrintsEveryJobOfAManifest) {
  auto path = std::filesystem::temp_directory_path() / "cronc-next-manifest.json";
  std::ofstream(path) << R"({"version": 1, "generator": "cronc 0.1.0", "jobs": [
    {"id": "accounting-sync", "title": "Sync", "doc": "", "schedule": "schedule:0 4 15 * *", "every_minutes": null,
     "cron": "0 4 15 * *", "endpoint": {"name": "sync", "qualified_name": "shop::sync", "returns": "void"},
     "location": {"file": "jobs.cpp", "line": 3, "column": 21}},
    {"id": "welcome-email", "title": "Welcome", "doc": "", "schedule": "every:120", "every_minutes": 120,
     "cron": null, "endpoint": {"name": "send", "qualified_name": "shop::send", "returns": "cron::Status"},
     "location": {"file": "jobs.cpp", "line": 9, "column": 21}}]})";
  ScheduleQuery query{{}, 2, {}, {}};
  ASSERT_TRUE(cron::parse_utc("2026-03-01T10:00:00Z", query.from));
  std::ostringstream out, err;
  EXPECT_EQ(print_manifest_fire_times(path.string(), query, out, err), 0) << err.str();
  EXPECT_EQ(out.str(),
            "accounting-sync: at 04:00 UTC on day 15 of every month\n"
            "  2026-03-15T04:00:00Z\n"
            "  2026-04-15T04:00:00Z\n"
            "welcome-email: every 2 hours, starting at 00:00 UTC\n"
            "  2026-03-01T12:00:00Z\n"
            "  2026-03-01T14:00:00Z\n");
  std::filesystem::remove(path);
}

TEST(NextCommand, AManifestThatCannotBeReadIsOneLine) {
  ScheduleQuery query{{}, 1, {}, {}};
  std::ostringstream out, err;
  EXPECT_EQ(print_manifest_fire_times("/nonexistent/shop.cron.json", query, out, err), 2);
  std::string message = err.str();
  EXPECT_EQ(message.find("cronc: error: "), 0u);
  EXPECT_EQ(std::count(message.begin(), message.end(), '\n'), 1) << message;
}

/// The command in a zone.
template <class Command>
Printed run_zoned(Command command, std::string_view expression, std::string_view zone, int count,
                  std::string_view from) {
  ScheduleQuery query{expression, count, {}, zone};
  EXPECT_TRUE(cron::parse_utc(from, query.from));
  std::ostringstream out, err;
  int status = command(query, out, err);
  return {status, out.str(), err.str()};
}

TEST(NextCommand, PrintsLocalTimesWithTheirOffsetInAZone) {
  auto printed = run_zoned(print_next_fire_times, "30 2 * * *", "Europe/Berlin", 3, "2027-03-26T12:00:00Z");
  EXPECT_EQ(printed.status, 0) << printed.err;
  EXPECT_EQ(printed.out, "2027-03-27T02:30:00+01:00\n2027-03-28T03:00:00+02:00\n2027-03-29T02:30:00+02:00\n");
  EXPECT_EQ(run_zoned(print_next_fire_times, "schedule:0 * * * *", "America/New_York", 3, "2026-11-01T04:30:00Z").out,
            "2026-11-01T01:00:00-04:00\n2026-11-01T01:00:00-05:00\n2026-11-01T02:00:00-05:00\n");
}

TEST(NextCommand, AnUnknownZoneNamesTheNearestOnes) {
  auto printed = run_zoned(print_next_fire_times, "0 4 * * *", "Europe/Berln", 1, "2026-03-01T10:00:00Z");
  EXPECT_EQ(printed.status, 1);
  EXPECT_EQ(printed.out, "");
  EXPECT_EQ(printed.err,
            "cronc: error: unknown time zone 'Europe/Berln': not in the system's tz database\n"
            "cronc: note: the nearest names are \"Europe/Berlin\", \"Europe/Dublin\", \"Europe/Jersey\"\n");
}

TEST(NextCommand, AnIntervalHasNoZone) {
  auto printed = run_zoned(print_next_fire_times, "every 2h", "Europe/Berlin", 1, "2026-03-01T10:00:00Z");
  EXPECT_EQ(printed.status, 1);
  EXPECT_EQ(printed.err, "cronc: error: --time-zone needs a cron expression; an interval runs from 00:00 UTC\n");
}

TEST(ExplainCommand, NamesTheZoneAndTheNextChangeDaysFireTimes) {
  auto printed = run_zoned(print_explanation, "30 2 * * *", "Europe/Berlin", 2, "2026-12-02T12:00:00Z");
  EXPECT_EQ(printed.status, 0) << printed.err;
  EXPECT_EQ(printed.out,
            "at 02:30 Europe/Berlin every day\n"
            "time zone: Europe/Berlin, once per local time (a repeated time at its first pass, a skipped one at the "
            "gap's end)\n"
            "next fire times after 2026-12-02T12:00:00Z:\n"
            "  2026-12-03T02:30:00+01:00\n"
            "  2026-12-04T02:30:00+01:00\n"
            "next clock change: 2027-03-28, 02:00 becomes 03:00 (+01:00 to +02:00); fire times that day:\n"
            "  2027-03-28T03:00:00+02:00\n");
  auto hourly = run_zoned(print_explanation, "0 */12 * * *", "America/New_York", 1, "2026-10-01T00:00:00Z");
  EXPECT_EQ(hourly.out,
            "every 12 hours, starting at 00:00 America/New_York\n"
            "time zone: America/New_York, every real instant whose local time matches (both passes of a repeated "
            "hour; none in a gap)\n"
            "next fire times after 2026-10-01T00:00:00Z:\n"
            "  2026-10-01T00:00:00-04:00\n"
            "next clock change: 2026-11-01, 02:00 becomes 01:00 (-04:00 to -05:00); fire times that day:\n"
            "  2026-11-01T00:00:00-04:00\n"
            "  2026-11-01T12:00:00-05:00\n");
}

}  // namespace
}  // namespace cronc

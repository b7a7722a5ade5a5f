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
  ScheduleQuery query{expression, count, {}};
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
  ScheduleQuery query{{}, 2, {}};
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
  ScheduleQuery query{{}, 1, {}};
  std::ostringstream out, err;
  EXPECT_EQ(print_manifest_fire_times("/nonexistent/shop.cron.json", query, out, err), 2);
  std::string message = err.str();
  EXPECT_EQ(message.find("cronc: error: "), 0u);
  EXPECT_EQ(std::count(message.begin(), message.end(), '\n'), 1) << message;
}

}  // namespace
}  // namespace cronc

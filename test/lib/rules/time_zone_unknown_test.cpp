#include "rules/checks.hpp"

#include "diagnostic_text.hpp"
#include "job_builder.hpp"

#include <gtest/gtest.h>

namespace cronc {
namespace {

using test::build_zoned_job;
using test::diagnose;

TEST(TimeZoneUnknown, NotesTheNearestNamesAndFixesAClearTypo) {
  // `.schedule = "0 4 * * *", .time_zone = "Europe/Berln",`: the zone's quote is at column 43.
  EXPECT_EQ(diagnose(check_time_zone_unknown, build_zoned_job("0 4 * * *", "Europe/Berln")),
            "jobs.cpp:13:43-13:57: error: unknown time zone 'Europe/Berln': not in the system's tz database "
            "[cron-time-zone-unknown]\n"
            "jobs.cpp:13:43-13:43: note: the nearest names are \"Europe/Berlin\", \"Europe/Dublin\" and "
            "\"Europe/Jersey\"\n"
            "jobs.cpp:13:44-13:56: fix-it: \"Europe/Berlin\"\n");
}

TEST(TimeZoneUnknown, NoFixItWhenNothingIsClose) {
  EXPECT_EQ(diagnose(check_time_zone_unknown, build_zoned_job("0 4 * * *", "Mars/Olympus_Mons")),
            "jobs.cpp:13:43-13:62: error: unknown time zone 'Mars/Olympus_Mons': not in the system's tz database "
            "[cron-time-zone-unknown]\n"
            "jobs.cpp:13:43-13:43: note: zone names are Area/Location, such as \"Europe/Berlin\" (timedatectl "
            "list-timezones lists them)\n");
}

TEST(TimeZoneUnknown, KnownZonesAndLinksPass) {
  for (const char* zone : {"Europe/Berlin", "UTC", "Etc/UTC", "US/Eastern", "Asia/Kolkata"})
    EXPECT_EQ(diagnose(check_time_zone_unknown, build_zoned_job("0 4 * * *", zone)), "") << zone;
  EXPECT_EQ(diagnose(check_time_zone_unknown, test::build_schedule_job("0 4 * * *")), "") << "no zone, UTC";
}

TEST(TimeZoneUnknown, CaseMatters) {
  EXPECT_EQ(diagnose(check_time_zone_unknown, build_zoned_job("0 4 * * *", "europe/berlin")),
            "jobs.cpp:13:43-13:58: error: unknown time zone 'europe/berlin': not in the system's tz database "
            "[cron-time-zone-unknown]\n"
            "jobs.cpp:13:43-13:43: note: the nearest names are \"Europe/Berlin\", \"Europe/Dublin\" and "
            "\"Europe/Jersey\"\n"
            "jobs.cpp:13:44-13:57: fix-it: \"Europe/Berlin\"\n");
}

}  // namespace
}  // namespace cronc

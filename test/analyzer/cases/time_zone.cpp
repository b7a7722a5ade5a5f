#include <cron/cron.hpp>

void work();

const cron::CronJob berlin{"berlin", {.schedule = "0 9 * * *", .time_zone = "Europe/Berlin", .endpoint = &work}};

const cron::CronJob typo{"typo", {.schedule = "0 9 * * *", .time_zone = "Europe/Berln", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:73: error: unknown time zone 'Europe/Berln': not in the system's tz database [cron-time-zone-unknown]
// CHECK-MESSAGES: :[[@LINE-2]]:73: note: the nearest names are "Europe/Berlin", "Europe/Dublin" and "Europe/Jersey"

const cron::CronJob interval{"interval", {.every = "2h", .time_zone = "Europe/Berlin", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:71: error: job 'interval' sets .time_zone with .every, which always runs from 00:00 UTC; use a .schedule read in that zone instead [cron-time-zone-every]
// CHECK-MESSAGES: :[[@LINE-2]]:52: note: .schedule = "0 */2 * * *" fires at the same times of day in the zone's wall time

// A JobConfig constant is read by field name too (its endpoint is not one the stub can name).
constexpr cron::JobConfig kZoned{.schedule = "0 9 * * *", .time_zone = "Mars/Olympus_Mons", .endpoint = &work};
const cron::CronJob from_constant{"from-constant", kZoned};
// CHECK-MESSAGES: :[[@LINE-1]]:52: error: the endpoint of job 'from-constant' must be a free or static member function, not an expression of this kind [cron-endpoint-kind]
// CHECK-MESSAGES: :[[@LINE-2]]:52: error: unknown time zone 'Mars/Olympus_Mons': not in the system's tz database [cron-time-zone-unknown]
// CHECK-MESSAGES: :[[@LINE-3]]:52: note: zone names are Area/Location, such as "Europe/Berlin" (timedatectl list-timezones lists them)

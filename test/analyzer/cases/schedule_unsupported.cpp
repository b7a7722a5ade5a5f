#include <cron/cron.hpp>

void work();

const cron::CronJob seconds{"seconds", {.schedule = "0 0 4 15 * *", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:53: error: the expression has 6 fields: cronc does not support a seconds field; use the five fields 'minute hour day-of-month month day-of-week' [cron-schedule-unsupported]

const cron::CronJob last{"last", {.schedule = "0 0 L * *", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:52: error: 'L' uses 'L' (last day), which cronc does not support; list the days instead [cron-schedule-unsupported]

const cron::CronJob nth{"nth", {.schedule = "0 0 * * 5#3", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:54: error: '5#3' uses '#' (nth weekday of the month), which cronc does not support [cron-schedule-unsupported]

const cron::CronJob reboot{"reboot", {.schedule = "@reboot", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:51: error: '@reboot' is not supported: cronc runs jobs on a schedule, not when the service starts [cron-schedule-unsupported]

const cron::CronJob zone{"zone", {.schedule = "CRON_TZ=Europe/Paris 0 4 * * *", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:48: error: 'CRON_TZ=Europe/Paris' is not supported in the expression: set the job's time_zone field instead [cron-schedule-unsupported]
// CHECK-MESSAGES: :[[@LINE-2]]:48: note: cronc reads the expression in a zone's local time with .time_zone = "Europe/Paris"

#include <cron/cron.hpp>

void work();

const cron::CronJob minute{"minute", {.schedule = "60 * * * *", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:52: error: minute value 60 is out of range; use 0-59 [cron-schedule-syntax]

const cron::CronJob day{"day", {.schedule = "0 4 32 * *", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:50: error: day-of-month value 32 is out of range; use 1-31 [cron-schedule-syntax]

const cron::CronJob fields{"fields", {.schedule = "0 4 15 *", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:51: error: the cron expression has 4 fields, expected 5: 'minute hour day-of-month month day-of-week' [cron-schedule-syntax]

const cron::CronJob name{"name", {.schedule = "0 0 * * fry", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:56: error: unknown day-of-week name 'fry'; use 0-7 or sun-sat, with 0 and 7 both Sunday [cron-schedule-syntax]

const cron::CronJob step{"step", {.schedule = "*/0 * * * *", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:50: error: step 0 in the minute field is out of range; use a step from 1 to 59 [cron-schedule-syntax]

const cron::CronJob backwards{"backwards", {.schedule = "0 5-3 * * *", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:60: error: range '5-3' in the hour field goes backwards; write the smaller value first [cron-schedule-syntax]

const cron::CronJob concatenated{"concatenated", {.schedule = "0 4 " "15 13 *", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:74: error: month value 13 is out of range; use 1-12 or jan-dec [cron-schedule-syntax]

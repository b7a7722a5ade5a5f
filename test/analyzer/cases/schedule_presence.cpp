#include <cron/cron.hpp>

void work();

const cron::CronJob none{"none", {.endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:21: error: job 'none' has no schedule; set either .every (such as "1h") or .schedule (a cron expression such as "0 4 * * *") [cron-schedule-missing]

const cron::CronJob both{"both", {.every = "1h", .schedule = "0 * * * *", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:62: error: job 'both' sets both .every and .schedule; keep one of them [cron-schedule-conflict]
// CHECK-MESSAGES: :[[@LINE-2]]:44: note: .every is set here

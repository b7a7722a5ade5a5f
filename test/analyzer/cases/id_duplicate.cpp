#include <cron/cron.hpp>

void work();

const cron::CronJob first{"sync", {.every = "1h", .endpoint = &work}};
const cron::CronJob second{"sync", {.every = "2h", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:28: error: job ID 'sync' is already used by another job; give each job its own ID [cron-id-duplicate]
// CHECK-MESSAGES: :[[@LINE-3]]:27: note: 'sync' is first declared here

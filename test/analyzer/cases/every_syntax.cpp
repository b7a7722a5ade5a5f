#include <cron/cron.hpp>

void work();

const cron::CronJob days{"days", {.every = "2d", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:46: error: invalid interval '2d': unexpected 'd'; write hours and minutes such as "30m", "2h" or "1h30m" [cron-every-syntax]

const cron::CronJob words{"words", {.every = "2 hours", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:48: error: invalid interval '2 hours': unexpected ' hours'; write hours and minutes such as "30m", "2h" or "1h30m" [cron-every-syntax]

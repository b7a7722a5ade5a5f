#include <cron/cron.hpp>

#include <chrono>

void work();

const cron::CronJob seconds{"seconds", {.every = "90s", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:50: error: interval '90s' is not a whole number of minutes [cron-every-range]

const cron::CronJob tiny{"tiny", {.every = std::chrono::seconds{30}, .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:44: error: interval '30s' is shorter than 1 minute [cron-every-range]

const cron::CronJob long_one{"long-one", {.every = "25h", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:52: error: interval '25h' is longer than 24 hours [cron-every-range]

#include <cron/cron.hpp>

#include <chrono>

void work();

const cron::CronJob seven{"seven", {.every = "7h", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:46: error: interval '7h' does not divide 24 hours evenly [cron-every-divisor]
// CHECK-MESSAGES: :[[@LINE-2]]:46: note: the nearest valid intervals are "6h" and "8h"

const cron::CronJob odd{"odd", {.every = "7m", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:42: error: interval '7m' does not divide 24 hours evenly [cron-every-divisor]
// CHECK-MESSAGES: :[[@LINE-2]]:42: note: the nearest valid intervals are "6m" and "8m"

const cron::CronJob chrono{"chrono", {.every = std::chrono::minutes{25}, .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:48: error: interval '25m' does not divide 24 hours evenly [cron-every-divisor]
// CHECK-MESSAGES: :[[@LINE-2]]:48: note: the nearest valid intervals are "24m" and "30m"

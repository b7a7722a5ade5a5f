#include <cron/cron.hpp>

#include <chrono>

using namespace std::chrono_literals;

void work();
extern const int kRuntimeRetries;
constexpr int kManyRetries = 12;

// Every policy, valid: no diagnostics.
const cron::CronJob nightly{"nightly", {.schedule = "30 4 * * *", .time_zone = "Europe/Berlin", .endpoint = &work,
                                        .timeout = "20m", .retries = 3, .overlap = cron::Overlap::queue_one,
                                        .catch_up = cron::CatchUp::run_latest, .jitter = "5m"}};

const cron::CronJob slow{"slow", {.every = "1h", .endpoint = &work, .timeout = "25h"}};
// CHECK-MESSAGES: :[[@LINE-1]]:80: error: timeout '25h' is longer than 24 hours [cron-timeout-invalid]

const cron::CronJob spelled{"spelled", {.every = "1h", .endpoint = &work, .timeout = "20 min"}};
// CHECK-MESSAGES: :[[@LINE-1]]:89: error: invalid timeout '20 min': unexpected ' min'; write seconds, minutes and hours such as "30s", "20m" or "1h30m" [cron-timeout-invalid]

const cron::CronJob hasty{"hasty", {.every = "1h", .endpoint = &work, .timeout = 500ms}};
// CHECK-MESSAGES: :[[@LINE-1]]:82: error: timeout '500ms' is shorter than 1 second [cron-timeout-invalid]

const cron::CronJob stubborn{"stubborn", {.every = "1h", .endpoint = &work, .retries = 11}};
// CHECK-MESSAGES: :[[@LINE-1]]:88: error: 11 retries is outside 0 to 10; retries are the attempts after the first [cron-retries-range]

const cron::CronJob named{"named", {.every = "1h", .endpoint = &work, .retries = kManyRetries}};
// CHECK-MESSAGES: :[[@LINE-1]]:82: error: 12 retries is outside 0 to 10; retries are the attempts after the first [cron-retries-range]

const cron::CronJob crowded{"crowded", {.every = "10m", .endpoint = &work, .jitter = "10m"}};
// CHECK-MESSAGES: :[[@LINE-1]]:86: error: jitter '10m' is not shorter than 10m, the shortest gap between two fire times of job 'crowded', so a delayed tick could start after the next one [cron-jitter-invalid]

const cron::CronJob midnight{"midnight", {.schedule = "2,58 0,23 * * *", .endpoint = &work, .jitter = 4min}};
// CHECK-MESSAGES: :[[@LINE-1]]:103: error: jitter '4m' is not shorter than 4m, the shortest gap between two fire times of job 'midnight', so a delayed tick could start after the next one [cron-jitter-invalid]

const cron::CronJob lazy{"lazy", {.schedule = "@daily", .endpoint = &work, .jitter = "2h"}};
// CHECK-MESSAGES: :[[@LINE-1]]:86: error: jitter '2h' is longer than 1 hour [cron-jitter-invalid]

const cron::CronJob unknown{"unknown", {.every = "1h", .endpoint = &work, .retries = kRuntimeRetries}};
// CHECK-MESSAGES: :[[@LINE-1]]:86: error: the retries count of job 'unknown' is not a compile-time constant; use a literal or a constexpr variable [cron-not-constant]

constexpr cron::JobConfig kShared{.every = "1h", .endpoint = &work, .retries = 20};
const cron::CronJob shared{"shared", kShared};
// CHECK-MESSAGES: :[[@LINE-1]]:38: error: the endpoint of job 'shared' must be a free or static member function, not an expression of this kind [cron-endpoint-kind]
// CHECK-MESSAGES: :[[@LINE-2]]:38: error: 20 retries is outside 0 to 10; retries are the attempts after the first [cron-retries-range]

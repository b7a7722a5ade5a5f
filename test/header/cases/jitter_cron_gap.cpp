// Must not compile: jitter_must_be_shorter_than_the_shortest_gap_between_fire_times
#include <cron/cron.hpp>

#include <chrono>

using namespace std::chrono_literals;

cron::Status work();

const cron::CronJob job{"job", {.schedule = "2,58 0,23 * * *", .endpoint = &work, .jitter = "4m"}};  // ERROR: jitter_must_be_shorter_than_the_shortest_gap_between_fire_times

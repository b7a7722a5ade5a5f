// Must not compile: jitter_must_be_from_1_second_to_1_hour
#include <cron/cron.hpp>

#include <chrono>

using namespace std::chrono_literals;

cron::Status work();

const cron::CronJob job{"job", {.schedule = "@daily", .endpoint = &work, .jitter = 2h}};  // ERROR: jitter_must_be_from_1_second_to_1_hour

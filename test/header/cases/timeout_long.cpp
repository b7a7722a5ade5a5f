// Must not compile: timeout_must_be_from_1_second_to_24_hours
#include <cron/cron.hpp>

#include <chrono>

using namespace std::chrono_literals;

cron::Status work();

const cron::CronJob job{"job", {.every = "1h", .endpoint = &work, .timeout = "25h"}};  // ERROR: timeout_must_be_from_1_second_to_24_hours

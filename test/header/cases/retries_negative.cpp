// Must not compile: retries_must_be_from_0_to_10
#include <cron/cron.hpp>

#include <chrono>

using namespace std::chrono_literals;

cron::Status work();

const cron::CronJob job{"job", {.every = "1h", .endpoint = &work, .retries = -1}};  // ERROR: retries_must_be_from_0_to_10

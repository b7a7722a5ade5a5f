// Must not compile: timeout_must_be_a_whole_number_of_seconds
#include <cron/cron.hpp>

#include <chrono>

using namespace std::chrono_literals;

cron::Status work();

const cron::CronJob job{"job", {.every = "1h", .endpoint = &work, .timeout = 1500ms}};  // ERROR: timeout_must_be_a_whole_number_of_seconds

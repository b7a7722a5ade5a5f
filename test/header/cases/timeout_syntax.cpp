// Must not compile: timeout_is_not_a_duration_like_30s_20m_or_1h30m
#include <cron/cron.hpp>

#include <chrono>

using namespace std::chrono_literals;

cron::Status work();

const cron::CronJob job{"job", {.every = "1h", .endpoint = &work, .timeout = "20 minutes"}};  // ERROR: timeout_is_not_a_duration_like_30s_20m_or_1h30m

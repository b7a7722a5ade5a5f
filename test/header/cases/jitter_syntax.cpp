// Must not compile: jitter_is_not_a_duration_like_30s_5m_or_1h
#include <cron/cron.hpp>

#include <chrono>

using namespace std::chrono_literals;

cron::Status work();

const cron::CronJob job{"job", {.every = "1h", .endpoint = &work, .jitter = "5"}};  // ERROR: jitter_is_not_a_duration_like_30s_5m_or_1h

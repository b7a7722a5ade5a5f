// Must not compile: every_is_not_a_duration_like_30m_2h_or_1h30m
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"job", {.every = "2 hours", .endpoint = &work}};  // ERROR: every_is_not_a_duration_like_30m_2h_or_1h30m

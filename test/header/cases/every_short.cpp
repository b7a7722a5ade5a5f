// Must not compile: every_must_be_at_least_1_minute
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"job", {.every = std::chrono::seconds{30}, .endpoint = &work}};  // ERROR: every_must_be_at_least_1_minute

// Must not compile: every_must_be_at_most_24_hours
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"job", {.every = "25h", .endpoint = &work}};  // ERROR: every_must_be_at_most_24_hours

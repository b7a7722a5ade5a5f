// Must not compile: job_needs_either_every_or_schedule
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"job", {.endpoint = &work}};  // ERROR: job_needs_either_every_or_schedule

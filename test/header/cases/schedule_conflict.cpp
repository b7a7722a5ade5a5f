// Must not compile: job_must_not_have_both_every_and_schedule
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"job", {.every = "1h", .schedule = "0 * * * *", .endpoint = &work}};  // ERROR: job_must_not_have_both_every_and_schedule

// Must not compile: cron_step_is_out_of_range
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"job", {.schedule = "*/0 * * * *", .endpoint = &work}};  // ERROR: cron_step_is_out_of_range

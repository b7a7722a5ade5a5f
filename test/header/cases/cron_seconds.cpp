// Must not compile: cron_seconds_and_year_fields_are_not_supported
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"job", {.schedule = "0 0 4 15 * *", .endpoint = &work}};  // ERROR: cron_seconds_and_year_fields_are_not_supported

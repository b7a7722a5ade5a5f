// Must not compile: cron_range_goes_backwards
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"job", {.schedule = "0 5-3 * * *", .endpoint = &work}};  // ERROR: cron_range_goes_backwards

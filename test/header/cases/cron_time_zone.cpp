// Must not compile: cron_time_zones_are_not_supported_jobs_run_in_UTC
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"job", {.schedule = "CRON_TZ=Europe/Paris 0 4 * * *", .endpoint = &work}};  // ERROR: cron_time_zones_are_not_supported_jobs_run_in_UTC

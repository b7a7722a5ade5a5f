// Must not compile: time_zone_is_only_for_schedule_jobs_every_runs_from_00_00_UTC
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"job", {.every = "1h", .time_zone = "Europe/Berlin", .endpoint = &work}};  // ERROR: time_zone_is_only_for_schedule_jobs_every_runs_from_00_00_UTC

// Must not compile: cron_TZ_prefix_is_not_supported_use_the_time_zone_field
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"job", {.schedule = "CRON_TZ=Europe/Paris 0 4 * * *", .endpoint = &work}};  // ERROR: cron_TZ_prefix_is_not_supported_use_the_time_zone_field

// Must not compile: cron_name_is_not_a_month_or_weekday
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"job", {.schedule = "0 0 * foo *", .endpoint = &work}};  // ERROR: cron_name_is_not_a_month_or_weekday

// Must not compile: cron_value_is_out_of_range_for_its_field
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"job", {.schedule = "60 * * * *", .endpoint = &work}};  // ERROR: cron_value_is_out_of_range_for_its_field

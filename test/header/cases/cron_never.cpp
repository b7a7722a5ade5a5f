// Must not compile: cron_expression_never_fires
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"job", {.schedule = "0 0 30 2 *", .endpoint = &work}};  // ERROR: cron_expression_never_fires

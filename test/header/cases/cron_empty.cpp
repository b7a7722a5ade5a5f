// Must not compile: cron_expression_is_empty
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"job", {.schedule = "   ", .endpoint = &work}};  // ERROR: cron_expression_is_empty

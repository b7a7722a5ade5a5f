// Must not compile: cron_expression_has_unknown_macro
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"job", {.schedule = "@fortnightly", .endpoint = &work}};  // ERROR: cron_expression_has_unknown_macro

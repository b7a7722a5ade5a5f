// Must not compile: cron_expression_has_unexpected_character
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"job", {.schedule = "0 4 15 * 1;2", .endpoint = &work}};  // ERROR: cron_expression_has_unexpected_character

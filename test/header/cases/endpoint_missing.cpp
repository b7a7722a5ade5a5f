// Must not compile: endpoint_is_missing
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"job", {.every = "1h"}};  // ERROR: endpoint_is_missing

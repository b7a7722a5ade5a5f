// Must not compile: endpoint_must_take_no_parameters
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"job", {.every = "1h", .endpoint = &add}};  // ERROR: endpoint_must_take_no_parameters

// Must not compile: endpoint_must_return_void_or_cron_Status
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
int count();
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"job", {.every = "1h", .endpoint = &count}};  // ERROR: endpoint_must_return_void_or_cron_Status

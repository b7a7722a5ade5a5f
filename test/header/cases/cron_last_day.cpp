// Must not compile: cron_L_W_and_hash_are_not_supported
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"job", {.schedule = "0 0 L * *", .endpoint = &work}};  // ERROR: cron_L_W_and_hash_are_not_supported

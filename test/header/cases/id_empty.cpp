// Must not compile: id_must_not_be_empty
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"", {.every = "1h", .endpoint = &work}};  // ERROR: id_must_not_be_empty

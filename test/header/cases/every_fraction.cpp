// Must not compile: every_must_be_a_whole_number_of_minutes
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"job", {.every = "90s", .endpoint = &work}};  // ERROR: every_must_be_a_whole_number_of_minutes

// Must not compile: endpoint_must_be_a_free_or_static_member_function
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"job", {.every = "1h", .endpoint = &Worker::run}};  // ERROR: endpoint_must_be_a_free_or_static_member_function

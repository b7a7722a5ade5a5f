// Must not compile: id_must_be_at_most_63_characters
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"a-very-long-identifier-that-goes-on-and-on-and-on-past-the-limit", {.every = "1h", .endpoint = &work}};  // ERROR: id_must_be_at_most_63_characters

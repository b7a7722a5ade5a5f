// Must not compile: cron_reboot_and_every_macros_are_not_supported
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"job", {.schedule = "@reboot", .endpoint = &work}};  // ERROR: cron_reboot_and_every_macros_are_not_supported

#include <cron/cron.hpp>

void work();

const cron::CronJob february{"february", {.schedule = "0 0 30 2 *", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:60: error: the expression never fires: day-of-month '30' does not occur in month '2' [cron-schedule-never]

// A restricted weekday makes it a union: it fires on Mondays in February.
const cron::CronJob mondays{"mondays", {.schedule = "0 0 30 2 1", .endpoint = &work}};

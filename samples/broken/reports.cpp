#include <cron/cron.hpp>

void sendReport();

const cron::CronJob report{"charge-cards", {.schedule = "0 0 30 2 *", .endpoint = &sendReport}};
const cron::CronJob weekly{"WeeklyReport", {.every = "1h", .schedule = "@weekly", .endpoint = &sendReport}};

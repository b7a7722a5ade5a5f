#include <cron/cron.hpp>

void chargeCards();
int reconcile(int day);

const cron::CronJob charge{"charge-cards", {.every = "7h", .endpoint = &chargeCards}};
const cron::CronJob reconciliation{"reconcile", {.schedule = "0 25 * * *", .endpoint = &reconcile}};

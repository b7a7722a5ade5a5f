// The golden-file case (golden_output_test.cpp): several rules, notes here and in a header, two fix-its.
#include "reports.hpp"

#include <cron/cron.hpp>

void sync_accounts();

const cron::CronJob eleven{"sync-accounts", {.every = "11h", .endpoint = &sync_accounts}};
const cron::CronJob welcome{"sendWelcomeEmail", {.every = "1h", .endpoint = &sync_accounts}};
const cron::CronJob monthly{"monthly-report", {.schedule = "0 0 32 * *", .endpoint = &reports::monthly}};
const cron::CronJob again{"sync-accounts", {.every = "2h", .endpoint = &sync_accounts}};

// The shop's recurring jobs. cronc checks them at build time and registers them with the runtime.
#include <cron/cron.hpp>

#include <shop/invoices.hpp>

#include <chrono>

namespace shop {
cron::Status sendWelcomeEmail();
void syncAccounts();
void purgeCarts() noexcept;

// Send a welcome email to everyone who signed up in the last two hours.
const cron::CronJob welcomeEmail{"welcome-email", {
    .title = "Send welcome emails",
    .every = "2h",
    .endpoint = &sendWelcomeEmail,
    .jitter = "5m",  // the mail server sees the shop's batch at the same few minutes past, not on the hour
}};

// Run the monthly accounting sync job at 4am (UTC) on the 15th day of each month.
const cron::CronJob accountingSync{"accounting-sync", {
    .title = "Cron Job Example",
    .schedule = "0 4 15 * *",
    .endpoint = &syncAccounts,
    .timeout = "30m",                     // then stop is requested and the run is recorded timed_out
    .retries = 3,                         // with the same idempotency key, after a growing backoff
    .overlap = cron::Overlap::queue_one,  // a tick that comes while the last sync runs waits for it
    .catch_up = cron::CatchUp::run_latest,
}};

// Send the invoices that fell due, on weekday mornings in Berlin (09:30 local, summer and winter).
const cron::CronJob dueInvoices{"due-invoices", {
    .title = "Send due invoices",
    .schedule = "30 9 * * mon-fri",
    .time_zone = "Europe/Berlin",
    .endpoint = &Invoices::sendDue,
}};

// Forget abandoned shopping carts.
const cron::CronJob cartPurge{"cart-purge", {
    .title = "Purge abandoned carts",
    .every = std::chrono::minutes{1},
    .endpoint = &purgeCarts,
}};
}  // namespace shop

// The example of docs/design.md ("The user API"): must compile warning-free.
#include <cron/cron.hpp>

namespace shop {
// Emails everyone who signed up recently. Idempotent: each person gets one email.
cron::Status sendWelcomeEmail();
void syncAccounts();

// Send a welcome email to everyone who signed up in the last two hours.
const cron::CronJob welcomeEmail{"welcome-email", {
    .title = "Send welcome emails",
    .every = "2h",
    .endpoint = &sendWelcomeEmail,
}};

// Run the monthly accounting sync job at 4am (UTC) on the 15th day of each month.
const cron::CronJob accountingSync{"accounting-sync", {
    .title = "Cron Job Example",
    .schedule = "0 4 15 * *",
    .endpoint = &syncAccounts,
}};
}  // namespace shop

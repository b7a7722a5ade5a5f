// Valid declarations in every supported form: no output, exit 0.
#include <cron/cron.hpp>

#include "include/invoices.hpp"

#include <chrono>
#include <string_view>

using namespace std::chrono_literals;

namespace shop {
cron::Status sendWelcomeEmail();
void syncAccounts() noexcept;

// Send a welcome email to everyone who signed up in the last two hours.
const cron::CronJob welcomeEmail{"welcome-email", {
    .title = "Send welcome emails",
    .every = "2h",
    .endpoint = &sendWelcomeEmail,
}};

const cron::CronJob accountingSync{"accounting-sync", {.schedule = "0 4 15 * *", .endpoint = syncAccounts}};
}  // namespace shop

namespace billing::inline v2 {
constexpr std::string_view kNightly = "@daily";
constexpr const char* kId = "send-invoices";
using Job = cron::CronJob;
typedef const cron::CronJob ConstJob;

const Job invoices{kId, {.every = std::chrono::hours{6}, .endpoint = &Invoices::send}};
ConstJob nightly{"nightly", {.schedule = kNightly, .endpoint = &Invoices::send}};
inline const cron::CronJob ninety{"ninety", {.every = 90min, .endpoint = &Invoices::send}};
const cron::CronJob weekdays{"weekdays", {.schedule = "30 9 * * MON-FRI", .endpoint = &Invoices::send}};
}  // namespace billing::inline v2

namespace other {
// A class that is not cron's CronJob is not a job.
struct CronJob {
  const char* id;
};
const CronJob unrelated{"Not A Job"};
}  // namespace other

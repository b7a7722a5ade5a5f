#include <cron/cron.hpp>

void work();

const cron::CronJob camel{"sendWelcomeEmail", {.every = "1h", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:32: error: job ID 'sendWelcomeEmail' is not kebab-case; use lowercase letters, digits and dashes, starting with a letter [cron-id-invalid]
// CHECK-MESSAGES: :[[@LINE-2]]:27: note: did you mean 'send-welcome-email'?

const cron::CronJob empty{"", {.every = "1h", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:27: error: job ID is empty; use 1-63 characters of lowercase letters, digits and dashes, such as 'send-welcome-email' [cron-id-invalid]

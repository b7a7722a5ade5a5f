// Must not compile: id_must_be_kebab_case_like_send_welcome_email_with_dashes
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"sendWelcomeEmail", {.every = "1h", .endpoint = &work}};  // ERROR: id_must_be_kebab_case_like_send_welcome_email_with_dashes

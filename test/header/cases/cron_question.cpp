// Must not compile: cron_question_mark_is_only_for_day_fields
#include <cron/cron.hpp>

cron::Status work();
int add(int, int);
void take(int);
struct Worker { void run(); };

const cron::CronJob job{"job", {.schedule = "? * * * *", .endpoint = &work}};  // ERROR: cron_question_mark_is_only_for_day_fields

// A user header that hides the job type behind a macro: the translation unit that uses it never names CronJob.
#pragma once
#include <cron/cron.hpp>

#define HOURLY_JOB(variable, id, function) const cron::CronJob variable{id, {.every = "1h", .endpoint = &function}}
#define BAD_JOB(variable, id, function) const cron::CronJob variable{id, {.every = "5h", .endpoint = &function}}

// cronc skips the function bodies of files that cannot hold a job; these must still be found.
#include "include/job_in_function.hpp"
// CHECK-MESSAGES: job_in_function.hpp:9:30: error: cron::CronJob 'in-header' must be declared at namespace scope, not as a static local variable; cronc only registers namespace-scope jobs [cron-not-top-level]
#include "include/macro_in_function.hpp"
// CHECK-MESSAGES: macro_in_function.hpp:7:51: error: cron::CronJob 'through-macro' must be declared at namespace scope, not as a local variable; cronc only registers namespace-scope jobs [cron-not-top-level]

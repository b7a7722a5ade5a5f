#include "include/job_macros.hpp"

void work();

HOURLY_JOB(good, "good", work);
BAD_JOB(bad, "bad", work);
// CHECK-MESSAGES: job_macros.hpp:6:84: error: interval '5h' does not divide 24 hours evenly [cron-every-divisor]
// CHECK-MESSAGES: job_macros.hpp:6:84: note: the nearest valid intervals are "4h48m" and "6h"

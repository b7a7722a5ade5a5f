// Declarations in system headers are not searched for jobs, but the namespaces they open are: user code inside
// one still is. The line markers (flag 3: a system header) stand in for an -isystem header around user code.
#include <cron/cron.hpp>

void work();
# 1 "system/wrapper.h" 3
const cron::CronJob ignored_in_system_header{"ignored", {.every = "7h", .endpoint = &work}};
inline void system_function() {
  static const cron::CronJob also_ignored{"also-ignored", {.every = "1h", .endpoint = &work}};
}
namespace wrapped {
# 13 "system_header.cpp"
const cron::CronJob wrapped_job{"wrapped", {.every = "7h", .endpoint = &work}};
// CHECK-MESSAGES: :13:54: error: interval '7h' does not divide 24 hours evenly [cron-every-divisor]
// CHECK-MESSAGES: :13:54: note: the nearest valid intervals are "6h" and "8h"
# 17 "system/wrapper.h" 3
}  // namespace wrapped

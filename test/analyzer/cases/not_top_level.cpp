#include <cron/cron.hpp>

void work();

void schedule_from_a_function() {
  const cron::CronJob local{"local", {.every = "1h", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:23: error: cron::CronJob 'local' must be declared at namespace scope, not as a local variable; cronc only registers namespace-scope jobs [cron-not-top-level]
  static const cron::CronJob kept{"kept", {.every = "1h", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:30: error: cron::CronJob 'kept' must be declared at namespace scope, not as a static local variable; cronc only registers namespace-scope jobs [cron-not-top-level]
  (void)cron::CronJob{"temporary", {.every = "1h", .endpoint = &work}}.id();
// CHECK-MESSAGES: :[[@LINE-1]]:9: error: cron::CronJob 'temporary' must be declared at namespace scope, not as a temporary; cronc only registers namespace-scope jobs [cron-not-top-level]
  delete new cron::CronJob{"allocated", {.every = "1h", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:14: error: cron::CronJob 'allocated' must be declared at namespace scope, not as a new-expression; cronc only registers namespace-scope jobs [cron-not-top-level]
}

struct Holder {
  static inline const cron::CronJob member{"member", {.every = "1h", .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:37: error: cron::CronJob 'member' must be declared at namespace scope, not as a class member; cronc only registers namespace-scope jobs [cron-not-top-level]
};

#include <cron/cron.hpp>

void work();
int add(int a, int b);
int count();

const cron::CronJob missing{"missing", {.every = "1h"}};
// CHECK-MESSAGES: :[[@LINE-1]]:21: error: job 'missing' has no endpoint; set .endpoint = &function (no parameters, returning void or cron::Status) [cron-endpoint-missing]

const cron::CronJob params{"params", {.every = "1h", .endpoint = &add}};
// CHECK-MESSAGES: :[[@LINE-1]]:66: error: endpoint 'add' of job 'params' takes 2 parameters; cron endpoints take none [cron-endpoint-params]
// CHECK-MESSAGES: :4:5: note: 'add' is declared here
// CHECK-MESSAGES: :[[@LINE-3]]:66: error: endpoint 'add' of job 'params' returns 'int'; return void or cron::Status [cron-endpoint-return]
// CHECK-MESSAGES: :4:5: note: 'add' is declared here

const cron::CronJob returns{"returns", {.every = "1h", .endpoint = &count}};
// CHECK-MESSAGES: :[[@LINE-1]]:68: error: endpoint 'count' of job 'returns' returns 'int'; return void or cron::Status [cron-endpoint-return]
// CHECK-MESSAGES: :5:5: note: 'count' is declared here

#include <cron/cron.hpp>

struct Worker {
  void run();
};
struct Functor {
  void operator()() const {}
};
void (*const pointer)() = nullptr;
template <class T>
void generic() {}

const cron::CronJob member{"member", {.every = "1h", .endpoint = &Worker::run}};
// CHECK-MESSAGES: :[[@LINE-1]]:66: error: the endpoint of job 'member' must be a free or static member function, not a non-static member function [cron-endpoint-kind]
// CHECK-MESSAGES: :4:8: note: make 'Worker::run' static

const cron::CronJob lambda{"lambda", {.every = "1h", .endpoint = [] {}}};
// CHECK-MESSAGES: :[[@LINE-1]]:66: error: the endpoint of job 'lambda' must be a free or static member function, not a lambda [cron-endpoint-kind]

const cron::CronJob functor{"functor", {.every = "1h", .endpoint = Functor{}}};
// CHECK-MESSAGES: :[[@LINE-1]]:68: error: the endpoint of job 'functor' must be a free or static member function, not a function object [cron-endpoint-kind]

const cron::CronJob variable{"variable", {.every = "1h", .endpoint = pointer}};
// CHECK-MESSAGES: :[[@LINE-1]]:70: error: the endpoint of job 'variable' must be a free or static member function, not a variable [cron-endpoint-kind]

const cron::CronJob templated{"templated", {.every = "1h", .endpoint = &generic<int>}};
// CHECK-MESSAGES: :[[@LINE-1]]:72: error: the endpoint of job 'templated' must be a free or static member function, not a function template [cron-endpoint-kind]

#include <cron/cron.hpp>

#include <string_view>

void work();
extern const char* const kRuntimeSchedule;
inline std::string_view runtime_title() { return "Title"; }

const cron::CronJob dynamic{"dynamic", {.title = runtime_title(), .schedule = kRuntimeSchedule, .endpoint = &work}};
// CHECK-MESSAGES: :[[@LINE-1]]:50: error: the title of job 'dynamic' is not a compile-time constant; use a string literal or a constexpr variable [cron-not-constant]
// CHECK-MESSAGES: :[[@LINE-2]]:79: error: the schedule of job 'dynamic' is not a compile-time constant; use a string literal or a constexpr variable [cron-not-constant]

#include "scheduler/catch_up.hpp"

namespace cron::scheduler {

CatchUpPlan plan_catch_up(const ZonedSchedule& schedule, std::chrono::sys_seconds due, TimePoint now,
                          std::chrono::seconds grace, CatchUp policy,
                          std::optional<std::chrono::sys_seconds> last_handled) {
  CatchUpPlan plan;
  if (last_handled && due <= *last_handled) {  // the clock went back: this tick already happened
    plan.handled = *last_handled;
    plan.next = schedule.next(*last_handled);
    return plan;
  }
  auto now_seconds = std::chrono::floor<std::chrono::seconds>(now);
  std::chrono::sys_seconds tick = due;
  while (now - tick > grace) {
    std::chrono::sys_seconds following = schedule.next(tick);
    bool latest = following > now_seconds;
    if (latest && policy == CatchUp::run_latest) break;
    if (plan.missed.size() < static_cast<std::size_t>(kMaxMissedRecords)) {
      plan.missed.push_back(tick);
    } else {
      ++plan.unlisted_misses;
    }
    if (latest) {
      plan.handled = tick;
      plan.next = following;
      return plan;
    }
    tick = following;
  }
  plan.run = tick;
  plan.handled = tick;
  plan.next = schedule.next(tick);
  return plan;
}

}  // namespace cron::scheduler

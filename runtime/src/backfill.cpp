#include <cron/backfill.hpp>

namespace cron {

BackfillPlan plan_backfill(const ZonedSchedule& schedule, std::chrono::sys_seconds from, std::chrono::sys_seconds to,
                           std::chrono::sys_seconds now) {
  BackfillPlan plan;
  if (from > to) {
    plan.error = "from (" + format_utc(from) + ") is after to (" + format_utc(to) + ")";
    return plan;
  }
  if (to > now) {
    plan.error = "to (" + format_utc(to) + ") is in the future; the scheduler runs the ticks from now on (" +
                 format_utc(now) + ")";
    return plan;
  }
  // next() is strictly after its argument, so one second before `from` finds a tick at `from` itself.
  for (auto tick = schedule.next(from - std::chrono::seconds(1)); tick <= to; tick = schedule.next(tick)) {
    if (plan.ticks.size() == kMaxBackfillTicks) {
      plan.ticks.clear();
      plan.error = "the window from " + format_utc(from) + " to " + format_utc(to) + " holds more than " +
                   std::to_string(kMaxBackfillTicks) + " ticks; backfill it in parts";
      return plan;
    }
    plan.ticks.push_back(tick);
  }
  return plan;
}

}  // namespace cron

#include "scheduler/overlap_policy.hpp"

namespace cron::scheduler {

OverlapAction plan_overlap(Overlap policy, bool running, bool waiting) {
  if (!running) return OverlapAction::start;
  switch (policy) {
    case Overlap::allow: return OverlapAction::start;
    case Overlap::queue_one: return waiting ? OverlapAction::skip : OverlapAction::queue;
    case Overlap::cancel_running: return waiting ? OverlapAction::skip : OverlapAction::cancel_and_queue;
    case Overlap::skip: break;
  }
  return OverlapAction::skip;
}

}  // namespace cron::scheduler

#pragma once
/// The overlap policy as a pure planner (docs/policies.md): what to do with a tick of a job, given whether a run of
/// it goes on and whether a tick already waits for that run. The scheduler applies the action; no threads here.

#include <cron/policy.hpp>

#include <cstdint>

namespace cron::scheduler {

enum class OverlapAction : std::uint8_t {
  start,            ///< run the tick now
  skip,             ///< record the tick `skipped`
  queue,            ///< keep the tick waiting; start it when the running attempt returns
  cancel_and_queue, ///< request stop of the running attempt, and start the tick when it has returned
};

/// The action for a tick that is due now. `running`: an attempt of the job goes on; `waiting`: a tick already
/// waits for it to return (queued by queue_one or cancel_running), which a later tick never displaces.
OverlapAction plan_overlap(Overlap policy, bool running, bool waiting);

}  // namespace cron::scheduler

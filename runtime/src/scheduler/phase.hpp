#pragma once
// Where a Runtime is in its life: one value instead of a flag per step.

namespace cron::scheduler {

enum class Phase {
  created,   ///< constructed: manual runs work, nothing is scheduled
  started,   ///< start() ran: jobs are scheduled (unless Options::disabled)
  stopping,  ///< stop() began: no new run starts; running ones finish
  stopped,   ///< every part has been told to stop
};

}  // namespace cron::scheduler

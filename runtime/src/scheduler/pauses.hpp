#pragma once
// Pauses (docs/runtime.md, "Pause and resume"): the paused jobs as the store last said, in memory, for the claims
// thread (which claims no tick of a paused job) and the snapshot. The store is read with no lock held, at start,
// once per timer pass and when the claims thread has been idle a few seconds; a read that fails keeps the last
// set, so a store fault never stops or starts a job's ticks.

#include "scheduler/events.hpp"

#include <cron/store.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace cron::scheduler {

class Pauses {
 public:
  /// How long the claims thread waits for ticks before it reads the set anyway, so a replica whose jobs rarely
  /// tick still shows a pause made on another one within this.
  static constexpr std::chrono::seconds kIdleRefresh{5};

  Pauses(Store& store, Events& events) : store_(store), events_(events) {}

  /// Reads every job's pause from the store; keeps the last known set when the store cannot answer.
  void refresh();
  /// What this runtime just wrote to the store (pause() or resume()), so it applies before the next read.
  void apply(PauseRecord record);

  /// The job's pause, or nothing when it is not paused.
  std::optional<Pause> of(std::string_view job_id) const;
  bool paused(std::string_view job_id) const { return of(job_id).has_value(); }
  /// When the job's latest pause was lifted, or nothing (never paused, or paused now).
  std::optional<TimePoint> resumed(std::string_view job_id) const;

 private:
  Store& store_;
  Events& events_;
  mutable std::mutex mutex_;  ///< guards what follows; never held during a store call
  std::map<std::string, PauseRecord, std::less<>> records_;
  std::uint64_t applied_ = 0;  ///< counts apply(): a read begun before one is stale and dropped
};

}  // namespace cron::scheduler

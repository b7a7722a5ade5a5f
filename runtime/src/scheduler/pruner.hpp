#pragma once
// The pruner (docs/dashboard.md, "Retention"): at start and then every ten minutes by the runtime's clock, it
// removes the history the retention limits let go, job by job in bounded store calls, on a thread of its own and
// outside every lock. A failed pass logs one line and is tried again at the next period; nothing waits for it.

#include "scheduler/events.hpp"

#include <cron/clock.hpp>
#include <cron/retention.hpp>
#include <cron/store.hpp>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cron::scheduler {

/// How often the pruner passes over every job.
inline constexpr std::chrono::minutes kPruneInterval{10};

class Pruner {
 public:
  /// `after_pass` runs after each pass (tests wait on it).
  Pruner(Store& store, const Lease& lease, Events& events, Clock& clock, std::vector<std::string> job_ids,
         HistoryRetention retention, std::chrono::seconds misfire_grace, std::function<void()> after_pass);
  ~Pruner();
  Pruner(const Pruner&) = delete;
  Pruner& operator=(const Pruner&) = delete;

  /// The first pass now, then one every kPruneInterval.
  void start();
  /// Ends the thread; a pass under way stops after its current store call.
  void stop();
  /// Every pass due by `now` is done (for tests on a manual clock).
  bool caught_up(TimePoint now) const;

 private:
  void loop();
  /// One pass over every job; the first store call that fails ends it (logged).
  void pass(TimePoint now);
  bool stopping() const;

  Store& store_;
  const Lease& lease_;
  Events& events_;
  Clock& clock_;
  std::vector<std::string> job_ids_;
  HistoryRetention retention_;
  std::chrono::seconds misfire_grace_;
  std::function<void()> after_pass_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool started_ = false;
  bool stopping_ = false;
  bool in_pass_ = false;
  TimePoint next_pass_{};  ///< when the next pass is due
  std::thread thread_;
  int clock_listener_ = 0;
};

}  // namespace cron::scheduler

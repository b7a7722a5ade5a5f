#pragma once
// Claims (docs/runtime.md): asks the store for the ticks the timer handed over, on a thread of its own, so a slow
// store makes those ticks late but never holds the timer, the dashboard, trigger() or stop(). Each answer goes to
// the handler, which decides what runs.

#include "scheduler/events.hpp"

#include <cron/store.hpp>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace cron::scheduler {

/// A tick to claim, and why.
struct ClaimRequest {
  std::size_t job = 0;
  Claim tick;  ///< job_id, key, scheduled, trigger
  ClaimPurpose purpose = ClaimPurpose::run;
  bool missed = false;  ///< a tick past its grace, claimed only to record it `missed`
};

/// What the store said: the claim, nothing (another runtime holds the tick), or that it could not be asked.
struct ClaimAnswer {
  std::optional<Claim> claim;
  bool unreachable = false;
};

class Claims {
 public:
  using Handler = std::function<void(ClaimRequest request, ClaimAnswer answer)>;

  Claims(Store& store, const Lease& lease, Events& events, Handler handler);
  ~Claims();
  Claims(const Claims&) = delete;
  Claims& operator=(const Claims&) = delete;

  /// Queues a batch (one timer pass); answers arrive on the claims thread in the same order.
  void submit(std::vector<ClaimRequest> batch);
  /// Claims one tick on the calling thread (trigger(), run_tick()): one bounded store call.
  ClaimAnswer claim_now(const ClaimRequest& request);
  /// Claims nothing more; returns the requests still queued (never asked, so nothing is claimed for them).
  /// Does not wait for a call under way: the destructor does.
  std::vector<ClaimRequest> stop();

 private:
  void loop();

  Store& store_;
  const Lease& lease_;
  Events& events_;
  Handler handler_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<ClaimRequest> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace cron::scheduler

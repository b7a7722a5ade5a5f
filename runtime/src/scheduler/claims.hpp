#pragma once
// Claims (docs/runtime.md): asks the store for the ticks the timer handed over, on a thread of its own, so a slow
// store makes those ticks late but never holds the timer, the dashboard, trigger() or stop(). Whatever is queued
// is claimed in batches (one transaction or statement each, Store::claim_all), so 10,000 ticks due together cost
// a few store calls, not 10,000. No tick of a paused job is claimed (Pauses: the set is read at the start of
// each timer pass). Each answer goes to the handler, which decides what runs.

#include "scheduler/events.hpp"
#include "scheduler/pauses.hpp"

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
  bool again = false;   ///< asked before, and the store could not be reached: see ClaimAsk::again
};

/// What the store said: the claim, nothing (another runtime holds the tick), or that it could not be asked; or
/// that the tick's job is paused, so it was not asked for and is neither run nor recorded.
struct ClaimAnswer {
  std::optional<Claim> claim;
  bool unreachable = false;
  bool paused = false;
};

class Claims {
 public:
  using Handler = std::function<void(ClaimRequest request, ClaimAnswer answer)>;

  /// `on_busy(true)` when ticks are queued to claim, `on_busy(false)` once every one is answered (or stop()):
  /// the recorder defers its writes meanwhile, so a burst's claims, which make ticks late, go first.
  /// Scheduled ticks of the jobs `pauses` holds paused are answered `paused` without a claim; the claims thread
  /// refreshes it before the first batch of each pass and every Pauses::kIdleRefresh while idle.
  Claims(Store& store, const Lease& lease, Events& events, Pauses& pauses, Handler handler,
         std::function<void(bool)> on_busy = {});
  ~Claims();
  Claims(const Claims&) = delete;
  Claims& operator=(const Claims&) = delete;

  /// The most ticks one store call claims: a pass larger than this is claimed in several, the first of which start
  /// while the next are claimed.
  static constexpr std::size_t kMaxBatch = 1000;

  /// Queues a batch (one timer pass); answers arrive on the claims thread in the same order.
  void submit(std::vector<ClaimRequest> batch);
  /// Claims one tick on the calling thread (trigger(), run_tick()): one bounded store call.
  ClaimAnswer claim_now(const ClaimRequest& request);
  /// Claims nothing more; returns the requests still queued (never asked, so nothing is claimed for them).
  /// Does not wait for a call under way: the destructor does.
  std::vector<ClaimRequest> stop();

 private:
  void loop();
  /// The queue's head, up to kMaxBatch requests and never two `run` asks of one job (mutex_ held).
  std::vector<ClaimRequest> take_batch();
  /// Claims `batch` in one store call: every answer is unreachable when it fails. Ticks of paused jobs are not
  /// asked for.
  std::vector<ClaimAnswer> claim_batch(const std::vector<ClaimRequest>& batch);
  /// Calls on_busy when `busy` changes (mutex_ held).
  void set_busy(bool busy);

  Store& store_;
  const Lease& lease_;
  Events& events_;
  Pauses& pauses_;
  Handler handler_;
  std::function<void(bool)> on_busy_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<ClaimRequest> queue_;
  bool busy_ = false;  ///< on_busy(true) was the last call
  bool new_pass_ = false;  ///< a pass was queued since the paused set was last read
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace cron::scheduler

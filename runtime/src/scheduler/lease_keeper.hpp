#pragma once
// The lease keeper (docs/replicas.md), for shared stores only: every third of the lease it renews the claims this
// runtime holds, gives back those it will not run, and takes over ticks whose replica stopped renewing, on a
// thread of its own and outside every lock.

#include "scheduler/events.hpp"

#include <cron/store.hpp>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace cron::scheduler {

/// Names one Runtime instance in its claims: the replica plus a random suffix, so a replica restarted under the
/// same name never renews the leases its previous process held.
std::string claim_owner(const std::string& replica);

/// Job IDs by the attempt limit of their ticks.
using IdleJobs = std::map<int, std::vector<std::string>>;

class LeaseKeeper {
 public:
  /// `idle_jobs` lists the jobs that may be taken over now (none while the runtime does not schedule), by the
  /// attempt limit of their ticks (a taken-over tick whose next attempt would pass it is closed); `adopt`
  /// gets the ticks taken over and returns those it cannot run, which are given back at once; `lost` gets each
  /// held key whose lease another replica took, so its running attempt is asked to stop.
  LeaseKeeper(Store& store, const Lease& lease, Events& events, std::function<IdleJobs()> idle_jobs,
              std::function<std::vector<std::string>(std::vector<Claim>)> adopt,
              std::function<void(const std::string&)> lost);
  ~LeaseKeeper();
  LeaseKeeper(const LeaseKeeper&) = delete;
  LeaseKeeper& operator=(const LeaseKeeper&) = delete;

  /// Starts renewing `key` (a claim this runtime will run).
  void hold(const std::string& key);
  /// Stops renewing `key`: its outcome is recorded and its claim completed.
  void release(const std::string& key);
  /// Releases `keys` for takeover at once: claims this runtime will not run (queued at stop()).
  void give_back(std::vector<std::string> keys);
  /// Ends the thread after a last give-back.
  void stop();

 private:
  void loop();
  void renew();
  void take_over();
  void return_claims(std::vector<std::string> keys);

  Store& store_;
  const Lease& lease_;
  Events& events_;
  std::function<IdleJobs()> idle_jobs_;
  std::function<std::vector<std::string>(std::vector<Claim>)> adopt_;
  std::function<void(const std::string&)> lost_;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::set<std::string> held_;
  std::vector<std::string> to_give_back_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace cron::scheduler

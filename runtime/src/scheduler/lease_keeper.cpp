#include "scheduler/lease_keeper.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <random>

namespace cron::scheduler {

std::string claim_owner(const std::string& replica) {
  std::random_device random;
  std::uniform_int_distribution<std::uint64_t> digits;
  char suffix[17];
  std::snprintf(suffix, sizeof suffix, "%016llx", static_cast<unsigned long long>(digits(random)));
  return replica + "#" + suffix;
}

LeaseKeeper::LeaseKeeper(Store& store, const Lease& lease, Events& events, std::function<IdleJobs()> idle_jobs,
                         std::function<std::vector<std::string>(std::vector<Claim>)> adopt,
                         std::function<void(const std::string&)> lost)
    : store_(store),
      lease_(lease),
      events_(events),
      idle_jobs_(std::move(idle_jobs)),
      adopt_(std::move(adopt)),
      lost_(std::move(lost)) {
  thread_ = std::thread([this] { loop(); });
}

LeaseKeeper::~LeaseKeeper() { stop(); }

void LeaseKeeper::hold(const std::string& key) {
  std::lock_guard lock(mutex_);
  held_.insert(key);
}

void LeaseKeeper::release(const std::string& key) {
  std::lock_guard lock(mutex_);
  held_.erase(key);
}

void LeaseKeeper::give_back(std::vector<std::string> keys) {
  std::lock_guard lock(mutex_);
  for (std::string& key : keys) {
    held_.erase(key);
    to_give_back_.push_back(std::move(key));
  }
  wake_.notify_all();
}

void LeaseKeeper::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    wake_.notify_all();
  }
  if (thread_.joinable()) thread_.join();
}

void LeaseKeeper::loop() {
  auto interval = std::max<std::chrono::milliseconds>(lease_.duration / 3, std::chrono::milliseconds(50));
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait_for(lock, interval, [&] { return stopping_ || !to_give_back_.empty(); });
    std::vector<std::string> giving = std::move(to_give_back_);
    to_give_back_.clear();
    bool stopping = stopping_;
    lock.unlock();
    return_claims(std::move(giving));
    if (stopping) return;
    renew();
    take_over();
    lock.lock();
  }
}

void LeaseKeeper::renew() {
  std::vector<std::string> keys;
  {
    std::lock_guard lock(mutex_);
    keys.assign(held_.begin(), held_.end());
  }
  if (keys.empty()) return;
  std::vector<std::string> lost;
  try {
    lost = store_.renew(keys, lease_);
    events_.store_answered();
  } catch (const std::exception& error) {
    events_.store_failed(error);
    return;
  }
  for (const std::string& key : lost) {
    {
      std::lock_guard lock(mutex_);
      if (held_.erase(key) == 0) continue;  // released meanwhile: recorded and completed
    }
    events_.log({.kind = LogEvent::Kind::lease_lost, .key = key, .message = "another replica may run it again"});
    lost_(key);
  }
}

void LeaseKeeper::take_over() {
  // One store call per attempt limit; the ticks of each are adopted before the next call, which may fail.
  for (const auto& [max_attempts, jobs] : idle_jobs_()) {
    std::vector<Claim> claims;
    try {
      claims = store_.take_over(jobs, lease_, max_attempts);
      events_.store_answered();
    } catch (const std::exception& error) {
      events_.store_failed(error);
      return;
    }
    if (claims.empty()) continue;
    {
      std::lock_guard lock(mutex_);
      for (const Claim& claim : claims) held_.insert(claim.key);
    }
    std::vector<std::string> returned = adopt_(std::move(claims));
    {
      std::lock_guard lock(mutex_);
      for (const std::string& key : returned) held_.erase(key);
    }
    return_claims(std::move(returned));
  }
}

void LeaseKeeper::return_claims(std::vector<std::string> keys) {
  if (keys.empty()) return;
  try {
    store_.renew(keys, Lease{lease_.owner, std::chrono::milliseconds(0)});
    events_.store_answered();
  } catch (const std::exception& error) {
    events_.store_failed(error);
  }
}

}  // namespace cron::scheduler

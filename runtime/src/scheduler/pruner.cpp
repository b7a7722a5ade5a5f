#include "scheduler/pruner.hpp"

namespace cron::scheduler {

Pruner::Pruner(Store& store, const Lease& lease, Events& events, Clock& clock, std::vector<std::string> job_ids,
               HistoryRetention retention, std::chrono::seconds misfire_grace, std::function<void()> after_pass)
    : store_(store),
      lease_(lease),
      events_(events),
      clock_(clock),
      job_ids_(std::move(job_ids)),
      retention_(retention),
      misfire_grace_(misfire_grace),
      after_pass_(std::move(after_pass)) {
  clock_listener_ = clock_.on_change([this] {
    std::lock_guard lock(mutex_);
    wake_.notify_all();
  });
}

Pruner::~Pruner() {
  stop();
  clock_.remove_listener(clock_listener_);
}

void Pruner::start() {
  std::lock_guard lock(mutex_);
  if (started_ || stopping_) return;
  started_ = true;
  next_pass_ = clock_.now();
  thread_ = std::thread([this] { loop(); });
}

void Pruner::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    wake_.notify_all();
  }
  if (thread_.joinable()) thread_.join();
}

bool Pruner::caught_up(TimePoint now) const {
  std::lock_guard lock(mutex_);
  return !started_ || stopping_ || (!in_pass_ && next_pass_ > now);
}

bool Pruner::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

void Pruner::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    TimePoint now = clock_.now();
    if (now < next_pass_) {
      clock_.wait_until(wake_, lock, next_pass_);
      continue;
    }
    in_pass_ = true;
    lock.unlock();
    pass(now);
    lock.lock();
    in_pass_ = false;
    next_pass_ = now + kPruneInterval;
    lock.unlock();
    after_pass_();
    lock.lock();
  }
}

void Pruner::pass(TimePoint now) {
  PruneLimits limits{retention_, std::chrono::floor<std::chrono::seconds>(now), misfire_grace_};
  for (const std::string& job_id : job_ids_) {
    try {
      // A full call may leave more behind: call again, each call its own short transaction.
      for (Pruned pruned{limits.max_executions, 0}; pruned.executions == limits.max_executions && !stopping();)
        pruned = store_.prune(job_id, limits, lease_);
    } catch (const std::exception& error) {
      events_.log({.kind = LogEvent::Kind::store_error,
                   .job_id = job_id,
                   .message = std::string("pruning its history failed (") + error.what() +
                              "); tried again in 10 minutes"});
      return;
    }
  }
}

}  // namespace cron::scheduler

#include "scheduler/claims.hpp"

#include <set>
#include <string>

namespace cron::scheduler {

Claims::Claims(Store& store, const Lease& lease, Events& events, Pauses& pauses, Handler handler,
               std::function<void(bool)> on_busy)
    : store_(store),
      lease_(lease),
      events_(events),
      pauses_(pauses),
      handler_(std::move(handler)),
      on_busy_(std::move(on_busy)) {
  thread_ = std::thread([this] { loop(); });
}

Claims::~Claims() {
  stop();
  thread_.join();
}

void Claims::submit(std::vector<ClaimRequest> batch) {
  std::lock_guard lock(mutex_);
  if (!batch.empty()) new_pass_ = true;
  for (ClaimRequest& request : batch) queue_.push_back(std::move(request));
  if (!queue_.empty() && !stopping_) set_busy(true);
  wake_.notify_one();
}

ClaimAnswer Claims::claim_now(const ClaimRequest& request) {
  ClaimAnswer answer;
  try {
    answer.claim = store_.claim(request.tick, request.purpose, lease_);
    events_.store_answered();
  } catch (const std::exception& error) {
    events_.store_failed(error, request.tick.key);
    answer.unreachable = true;
  }
  return answer;
}

std::vector<ClaimRequest> Claims::stop() {
  std::lock_guard lock(mutex_);
  stopping_ = true;
  set_busy(false);
  wake_.notify_all();
  std::vector<ClaimRequest> left(std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.end()));
  queue_.clear();
  return left;
}

std::vector<ClaimRequest> Claims::take_batch() {
  std::vector<ClaimRequest> batch;
  std::set<std::string, std::less<>> running_jobs;
  while (!queue_.empty() && batch.size() < kMaxBatch) {
    const ClaimRequest& next = queue_.front();
    if (next.purpose == ClaimPurpose::run && !running_jobs.insert(next.tick.job_id).second) break;
    batch.push_back(std::move(queue_.front()));
    queue_.pop_front();
  }
  return batch;
}

std::vector<ClaimAnswer> Claims::claim_batch(const std::vector<ClaimRequest>& batch) {
  std::vector<ClaimAnswer> answers(batch.size());
  std::vector<ClaimAsk> asks;
  std::vector<std::size_t> asked;  // the request of each ask
  asks.reserve(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const ClaimRequest& request = batch[i];
    if (request.tick.trigger == Trigger::scheduled && pauses_.paused(request.tick.job_id)) {
      answers[i].paused = true;
      continue;
    }
    asks.push_back({request.tick, request.purpose, request.again});
    asked.push_back(i);
  }
  if (asks.empty()) return answers;
  try {
    std::vector<std::optional<Claim>> claims = store_.claim_all(asks, lease_);
    events_.store_answered();
    for (std::size_t j = 0; j < asked.size(); ++j) answers[asked[j]].claim = std::move(claims[j]);
  } catch (const std::exception& error) {
    events_.store_failed(error, asks.front().tick.key);
    for (std::size_t i : asked) answers[i].unreachable = true;
  }
  return answers;
}

void Claims::loop() {
  std::unique_lock lock(mutex_);
  while (true) {
    bool woken = wake_.wait_for(lock, Pauses::kIdleRefresh, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    if (!woken || new_pass_) {  // idle for a while, or a new pass: which jobs are paused now?
      new_pass_ = false;
      lock.unlock();
      pauses_.refresh();
      lock.lock();
      if (stopping_) return;
      if (queue_.empty()) continue;
    }
    std::vector<ClaimRequest> batch = take_batch();
    lock.unlock();
    std::vector<ClaimAnswer> answers = claim_batch(batch);
    for (std::size_t i = 0; i < batch.size(); ++i) handler_(std::move(batch[i]), std::move(answers[i]));
    lock.lock();
    if (queue_.empty()) set_busy(false);
  }
}

void Claims::set_busy(bool busy) {
  if (busy == busy_) return;
  busy_ = busy;
  if (on_busy_) on_busy_(busy);
}

}  // namespace cron::scheduler

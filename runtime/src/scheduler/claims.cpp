#include "scheduler/claims.hpp"

#include <set>
#include <string>

namespace cron::scheduler {

Claims::Claims(Store& store, const Lease& lease, Events& events, Handler handler, std::function<void(bool)> on_busy)
    : store_(store), lease_(lease), events_(events), handler_(std::move(handler)), on_busy_(std::move(on_busy)) {
  thread_ = std::thread([this] { loop(); });
}

Claims::~Claims() {
  stop();
  thread_.join();
}

void Claims::submit(std::vector<ClaimRequest> batch) {
  std::lock_guard lock(mutex_);
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
  std::vector<ClaimAsk> asks;
  asks.reserve(batch.size());
  for (const ClaimRequest& request : batch) asks.push_back({request.tick, request.purpose, request.again});
  std::vector<ClaimAnswer> answers(batch.size());
  try {
    std::vector<std::optional<Claim>> claims = store_.claim_all(asks, lease_);
    events_.store_answered();
    for (std::size_t i = 0; i < batch.size(); ++i) answers[i].claim = std::move(claims[i]);
  } catch (const std::exception& error) {
    events_.store_failed(error, batch.front().tick.key);
    for (ClaimAnswer& answer : answers) answer.unreachable = true;
  }
  return answers;
}

void Claims::loop() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
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

#include "scheduler/claims.hpp"

namespace cron::scheduler {

Claims::Claims(Store& store, const Lease& lease, Events& events, Handler handler)
    : store_(store), lease_(lease), events_(events), handler_(std::move(handler)) {
  thread_ = std::thread([this] { loop(); });
}

Claims::~Claims() {
  stop();
  thread_.join();
}

void Claims::submit(std::vector<ClaimRequest> batch) {
  std::lock_guard lock(mutex_);
  for (ClaimRequest& request : batch) queue_.push_back(std::move(request));
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
  wake_.notify_all();
  std::vector<ClaimRequest> left(std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.end()));
  queue_.clear();
  return left;
}

void Claims::loop() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    ClaimRequest request = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    ClaimAnswer answer = claim_now(request);
    handler_(std::move(request), std::move(answer));
    lock.lock();
  }
}

}  // namespace cron::scheduler

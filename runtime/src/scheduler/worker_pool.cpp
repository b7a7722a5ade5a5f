#include "scheduler/worker_pool.hpp"

#include <algorithm>

namespace cron::scheduler {

WorkerPool::WorkerPool(unsigned threads, std::function<void(Work)> run) : run_(std::move(run)) {
  for (unsigned i = 0; i < std::max(1u, threads); ++i) threads_.emplace_back([this] { loop(); });
}

WorkerPool::~WorkerPool() { join(); }

void WorkerPool::submit(Work work) {
  std::lock_guard lock(mutex_);
  queue_.push_back(std::move(work));
  ready_.notify_one();
}

std::vector<Work> WorkerPool::drop_queued() {
  std::lock_guard lock(mutex_);
  std::vector<Work> dropped(std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.end()));
  queue_.clear();
  return dropped;
}

void WorkerPool::join() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
    ready_.notify_all();
  }
  for (std::thread& thread : threads_)
    if (thread.joinable()) thread.join();
}

void WorkerPool::loop() {
  std::unique_lock lock(mutex_);
  while (true) {
    ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;
    Work work = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    run_(std::move(work));
    lock.lock();
  }
}

}  // namespace cron::scheduler

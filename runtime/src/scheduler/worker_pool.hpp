#pragma once
// The worker pool (docs/runtime.md): a fixed number of threads that run queued work, one item each at a time.

#include "scheduler/attempt.hpp"

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace cron::scheduler {

class WorkerPool {
 public:
  /// `run` is called on a worker thread for each item, with no lock of the pool's held.
  WorkerPool(unsigned threads, std::function<void(Work)> run);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void submit(Work work);
  /// Takes the queued items off (stop()): they will not run here.
  std::vector<Work> drop_queued();
  /// Lets each thread finish its item and joins them; queued items are dropped.
  void join();

 private:
  void loop();

  std::function<void(Work)> run_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Work> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace cron::scheduler

#pragma once
// A gate a test endpoint passes through: a test closes it to hold runs while it looks at a job that is running,
// then opens it to let them go.

#include <condition_variable>
#include <mutex>

namespace cron::test {

struct Gate {
  /// Open, with no run seen (between tests).
  void reset() {
    std::lock_guard lock(mutex_);
    closed_ = entered_ = false;
  }
  /// Holds the next runs at the gate; wait_until_entered() then waits for one of them.
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    entered_ = false;
  }
  void open() {
    std::lock_guard lock(mutex_);
    closed_ = false;
    changed_.notify_all();
  }
  void wait_until_entered() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return entered_; });
  }
  /// The endpoint's side: returns once the gate is open.
  void pass() {
    std::unique_lock lock(mutex_);
    entered_ = true;
    changed_.notify_all();
    changed_.wait(lock, [this] { return !closed_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool closed_ = false;
  bool entered_ = false;
};

}  // namespace cron::test

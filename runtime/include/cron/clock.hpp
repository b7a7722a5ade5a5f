#pragma once
/// Time as a parameter (docs/design.md): the scheduler asks a Clock for the wall time and sleeps through it, so
/// tests drive it with a ManualClock instead of sleeping.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <vector>

namespace cron {

using TimePoint = std::chrono::system_clock::time_point;

/// Wall-clock time in UTC. Decides when a tick is due; durations are measured with steady_clock.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
  /// Waits on `wake` (with `lock` held) until `deadline` by this clock or until notified; may return early.
  virtual void wait_until(std::condition_variable& wake, std::unique_lock<std::mutex>& lock, TimePoint deadline) = 0;
  /// Calls `listener` whenever the time is set by hand (the manual clock; the system clock never does) until
  /// `remove_listener` with the returned handle, which waits for a call under way.
  virtual int on_change(std::function<void()> listener) = 0;
  virtual void remove_listener(int handle) = 0;
};

/// The system clock. Sleeps at most a minute at a time, so a wall-clock jump is noticed within a minute.
class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
  void wait_until(std::condition_variable& wake, std::unique_lock<std::mutex>& lock, TimePoint deadline) override;
  int on_change(std::function<void()>) override { return 0; }
  void remove_listener(int) override {}
};

/// A clock that moves only when a test says so.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(start) {}
  TimePoint now() const override;
  void wait_until(std::condition_variable& wake, std::unique_lock<std::mutex>& lock, TimePoint deadline) override;
  int on_change(std::function<void()> listener) override;
  void remove_listener(int handle) override;

  /// Sets the time (forward or backward, as a wall clock may jump) and wakes every waiter.
  void set(TimePoint time);
  void advance(std::chrono::nanoseconds by) { set(now() + by); }

 private:
  mutable std::mutex mutex_;
  TimePoint now_;
  /// Held while listeners are called, so remove_listener() never returns while its listener runs. Apart from
  /// mutex_: a listener takes its runtime's lock, and the runtime asks now() with that lock held.
  std::mutex listeners_mutex_;
  std::vector<std::pair<int, std::function<void()>>> listeners_;
  int next_handle_ = 1;
};

}  // namespace cron

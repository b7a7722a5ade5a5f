// The timer on its own, on a clock that moves by itself as the system clock does: with nothing due it makes one
// pass and sleeps until the next due time, rather than passing again because the time moved.

#include "scheduler/timer.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace cron::scheduler {
namespace {

using namespace std::chrono_literals;

/// A nanosecond later at every reading, as a real clock is; counts the timer's sleeps, which last until notified.
class MovingClock final : public Clock {
 public:
  TimePoint now() const override { return TimePoint(std::chrono::hours(24 * 365 * 57)) + ++readings_ * 1ns; }
  void wait_until(std::condition_variable& wake, std::unique_lock<std::mutex>& lock, TimePoint) override {
    {
      std::lock_guard count(mutex_);
      ++sleeps_;
      slept_.notify_all();
    }
    wake.wait(lock);
  }
  int on_change(std::function<void()>) override { return 0; }
  void remove_listener(int) override {}

  /// Waits (at most a watchdog's while) until the timer has gone to sleep once.
  bool wait_for_sleep() {
    std::unique_lock lock(mutex_);
    return slept_.wait_for(lock, 30s, [&] { return sleeps_ > 0; });
  }

 private:
  mutable std::atomic<long> readings_{0};
  std::mutex mutex_;
  std::condition_variable slept_;
  int sleeps_ = 0;
};

TEST(TimerTest, WithNothingDueItSleepsAfterOnePassOnAClockThatMovesByItself) {
  MovingClock clock;
  std::atomic<int> passes{0};
  Timer timer(clock, [](std::vector<Due>, TimePoint) {}, [&] { ++passes; });
  timer.add({clock.now() + 1h, 0});
  timer.start();
  ASSERT_TRUE(clock.wait_for_sleep()) << "the timer never slept: it passed " << passes << " times";
  EXPECT_EQ(passes, 1);
  timer.stop();
}

}  // namespace
}  // namespace cron::scheduler

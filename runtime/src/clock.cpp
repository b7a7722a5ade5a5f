#include <cron/clock.hpp>

#include <algorithm>

namespace cron {

void SystemClock::wait_until(std::condition_variable& wake, std::unique_lock<std::mutex>& lock, TimePoint deadline) {
  // The steady clock bounds the sleep: a condition variable on the system clock may oversleep a backward jump.
  auto remaining = std::min<std::chrono::nanoseconds>(deadline - now(), std::chrono::minutes(1));
  if (remaining <= std::chrono::nanoseconds::zero()) return;
  wake.wait_for(lock, remaining);
}

TimePoint ManualClock::now() const {
  std::lock_guard lock(mutex_);
  return now_;
}

void ManualClock::wait_until(std::condition_variable& wake, std::unique_lock<std::mutex>& lock, TimePoint deadline) {
  if (now() >= deadline) return;
  wake.wait(lock);
}

int ManualClock::on_change(std::function<void()> listener) {
  std::lock_guard lock(listeners_mutex_);
  listeners_.emplace_back(next_handle_, std::move(listener));
  return next_handle_++;
}

void ManualClock::remove_listener(int handle) {
  std::lock_guard lock(listeners_mutex_);
  std::erase_if(listeners_, [handle](const auto& entry) { return entry.first == handle; });
}

void ManualClock::set(TimePoint time) {
  {
    std::lock_guard lock(mutex_);
    now_ = time;
  }
  std::lock_guard lock(listeners_mutex_);
  for (const auto& entry : listeners_) entry.second();
}

}  // namespace cron

#include "scheduler/timer.hpp"

namespace cron::scheduler {

Timer::Timer(Clock& clock, Handler handler, std::function<void()> after_pass)
    : clock_(clock), handler_(std::move(handler)), after_pass_(std::move(after_pass)) {
  clock_listener_ = clock_.on_change([this] {
    std::lock_guard lock(mutex_);
    clock_set_ = true;
    wake_.notify_all();
  });
}

Timer::~Timer() {
  stop();
  clock_.remove_listener(clock_listener_);
}

void Timer::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable() || stopping_) return;
  thread_ = std::thread([this] { loop(); });
}

void Timer::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    wake_.notify_all();
  }
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void Timer::add(Due due) {
  std::lock_guard lock(mutex_);
  heap_.push(due);
  wake_.notify_all();
}

bool Timer::caught_up(TimePoint now) const {
  std::lock_guard lock(mutex_);
  return handled_until_ >= now && (heap_.empty() || heap_.top().at > now);
}

void Timer::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    clock_set_ = false;
    TimePoint now = clock_.now();
    std::vector<Due> due;
    while (!heap_.empty() && heap_.top().at <= now) {
      due.push_back(heap_.top());
      heap_.pop();
    }
    if (!due.empty()) {
      lock.unlock();
      handler_(std::move(due), now);
      lock.lock();
      if (!heap_.empty() && heap_.top().at <= now) continue;  // the handler added entries due already
    }
    handled_until_ = now;
    lock.unlock();
    after_pass_();
    lock.lock();
    if (stopping_) break;
    TimePoint deadline = heap_.empty() ? now + std::chrono::hours(1) : heap_.top().at;
    // A clock set by hand during the pass is passed over again (so its new time counts as handled); the system
    // clock, which always moves on, is not: the timer sleeps until the next due time.
    if (clock_set_) continue;
    clock_.wait_until(wake_, lock, deadline);
  }
}

}  // namespace cron::scheduler

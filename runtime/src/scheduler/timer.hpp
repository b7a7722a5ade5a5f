#pragma once
// The timer (docs/runtime.md): a min-heap of what comes due when, and one thread that sleeps on the clock until
// the earliest entry, then hands every entry due by then to its handler in one batch. It never touches the store.

#include <cron/clock.hpp>

#include <chrono>
#include <cstdint>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

namespace cron::scheduler {

/// An entry of the heap: a job's next tick (at the tick plus its jitter), a retry of a failed attempt, another try
/// at claiming a tick while the store could not be reached, or the timeout of a running attempt.
struct Due {
  /// `deadline`: a run's timeout; `stuck_check`: kStuckAfter past a stop request, is the run still going?
  enum class Kind { tick, retry, reclaim, deadline, stuck_check };
  TimePoint at;
  std::size_t job = 0;
  Kind kind = Kind::tick;
  std::chrono::sys_seconds tick{};
  int attempt = 1;
  std::uint64_t run = 0;  ///< `deadline`, `stuck_check`: which running attempt
  bool operator>(const Due& other) const { return at > other.at; }
};

class Timer {
 public:
  /// Gets every entry due by `now`, earliest first, on the timer's thread with no lock of the timer's held.
  using Handler = std::function<void(std::vector<Due> due, TimePoint now)>;

  /// `after_pass` runs after each pass, once the handler returned (tests wait on it).
  Timer(Clock& clock, Handler handler, std::function<void()> after_pass);
  ~Timer();
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;

  void start();
  /// Stops and joins the thread; entries left in the heap are dropped.
  void stop();
  void add(Due due);
  /// Every entry due by `now` has been handed to the handler (for tests on a manual clock).
  bool caught_up(TimePoint now) const;

 private:
  void loop();

  Clock& clock_;
  Handler handler_;
  std::function<void()> after_pass_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::priority_queue<Due, std::vector<Due>, std::greater<>> heap_;
  TimePoint handled_until_{};
  bool stopping_ = false;
  bool clock_set_ = false;  ///< the clock was set by hand since the pass began: pass again before waiting
  std::thread thread_;
  int clock_listener_ = 0;
};

}  // namespace cron::scheduler

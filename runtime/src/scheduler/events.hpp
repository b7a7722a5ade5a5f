#pragma once
// The runtime's log (docs/runtime.md): one sink, one event at a time, and the store's health, so the first call
// that succeeds after a failure is logged once whichever part made it.

#include <cron/log.hpp>

#include <atomic>
#include <exception>
#include <mutex>
#include <string>

namespace cron::scheduler {

class Events {
 public:
  explicit Events(LogSink sink) : sink_(std::move(sink)) {}

  /// Hands an event to the sink; a sink that throws loses that event and nothing else.
  void log(const LogEvent& event);
  /// A store call failed: logged with the tick it concerned, if any.
  void store_failed(const std::exception& error, const std::string& key = {});
  /// A store call succeeded: logged when the previous one had failed.
  void store_answered();

 private:
  LogSink sink_;
  std::mutex mutex_;  ///< the sink gets one event at a time
  std::atomic<bool> failing_{false};
};

}  // namespace cron::scheduler

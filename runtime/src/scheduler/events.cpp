#include "scheduler/events.hpp"

namespace cron::scheduler {

void Events::log(const LogEvent& event) {
  if (!sink_) return;
  std::lock_guard lock(mutex_);
  try {
    sink_(event);
  } catch (...) {
  }
}

void Events::store_failed(const std::exception& error, const std::string& key) {
  failing_ = true;
  log({.kind = LogEvent::Kind::store_error, .key = key, .message = error.what()});
}

void Events::store_answered() {
  if (failing_.exchange(false)) log({.kind = LogEvent::Kind::store_recovered});
}

}  // namespace cron::scheduler

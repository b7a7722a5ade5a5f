#pragma once
/// What the runtime reports while it works (docs/runtime.md): one event type and one sink, so a service can send
/// the runtime's lines to its own logger instead of standard error.

#include <cron/execution.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

namespace cron {

/// One thing the runtime did, or could not do.
struct LogEvent {
  enum class Kind {
    started,          ///< an attempt of a tick or manual run began
    finished,         ///< an attempt ended: `outcome`, `duration`, and `message` when it failed
    retrying,         ///< a failed attempt runs again: `attempt` is the next one, `duration` the backoff before it
    skipped,          ///< a tick not run because the previous run of the job was still running
    missed,           ///< a tick that passed unrun (downtime, a forward clock jump)
    interrupted,      ///< at start: executions a dead process left `running` were marked interrupted
    store_error,      ///< a call to the store failed; `message` says why, `key` which tick it concerned if any
    store_recovered,  ///< the store answered again after an error
    lease_lost,       ///< another replica took over a tick this one held (shared stores)
    taken_over,       ///< this replica runs a tick whose holder stopped renewing its lease (shared stores)
    unrecorded,       ///< at exit: an outcome the store never took (one event each); `message` says what it was
    stop_requested,   ///< stop was asked of a running attempt (`outcome`: timed_out or cancelled); it runs on
                      ///< until the endpoint returns
    stuck,            ///< an attempt still runs `duration` after stop was asked of it: its endpoint ignores the token
  };

  Kind kind = Kind::started;
  std::string job_id{};  ///< empty for events about the runtime as a whole
  std::string key{};     ///< the idempotency key; empty when the event concerns no tick
  int attempt = 0;     ///< 0 when the event concerns no attempt
  Outcome outcome = Outcome::running;    ///< for `finished`, `skipped` and `missed`
  std::chrono::milliseconds duration{};  ///< `finished`: how long the attempt ran; `retrying`: the backoff
  std::string message{};
};

std::string_view to_string(LogEvent::Kind kind);

/// Receives the runtime's events. The runtime calls it one event at a time, from its own threads (never while it holds a
/// lock that another part waits on), so a sink must be quick and must not call back into the Runtime.
using LogSink = std::function<void(const LogEvent&)>;

/// The event as one line without a newline, e.g. `cron: welcome-email@2026-03-01T10:00Z attempt 1 succeeded in
/// 12 ms` or `cron: store error: sqlite: disk I/O error`.
std::string format_log_line(const LogEvent& event);

/// The default sink: format_log_line() and a newline to standard error, in one write.
void log_to_stderr(const LogEvent& event);

}  // namespace cron

#pragma once
/// The dashboard's sockets. One thread accepts connections and reads each request in full, within a deadline;
/// only complete requests reach the worker threads. A client that trickles its headers waits on that thread, not
/// on a worker, so a dozen of them cannot starve other requests (docs/dashboard.md, "Hostile clients").

#include "dashboard/request_frame.hpp"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace cron::dashboard {

struct ListenerOptions {
  FrameLimits frame;
  /// A request must arrive in full within this (slower ones get 408), and its response be taken within it.
  std::chrono::milliseconds request_timeout{5000};
  std::size_t max_connections = 64;  ///< open at once, slow ones included; more get 503 at once
  std::size_t threads = 4;           ///< workers answering complete requests
};

/// A request that arrived in full, for a worker to answer on `socket`.
struct ReceivedRequest {
  int socket = -1;
  std::string bytes;  ///< exactly the request, head and body
  std::string peer_address;
  int peer_port = 0;
  std::string local_address;
  int local_port = 0;
};

class Listener {
 public:
  /// Answers a complete request on a worker thread (with send_all); the listener closes the connection after.
  using Answer = std::function<void(const ReceivedRequest&)>;
  /// The whole response to a request refused before it reached a worker: `frame.status` is the framing's refusal,
  /// 408 for a request that did not arrive in time, or 503 when too many connections are open.
  using Refusal = std::function<std::string(const Frame&)>;

  Listener(ListenerOptions options, Answer answer, Refusal refusal);
  /// Waits for the workers to finish the requests they hold.
  ~Listener();
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  /// Binds and listens; the bound port (the chosen one for port 0), or -1 with errno set.
  int bind(const std::string& host, int port);
  /// Accepts and reads requests until stop(); call it on a thread of its own after bind().
  void run();
  /// Makes run() return; safe from any thread.
  void stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Writes all of `bytes` to a socket within `timeout`; false when the peer does not take them in time.
bool send_all(int socket, std::string_view bytes, std::chrono::milliseconds timeout);

}  // namespace cron::dashboard

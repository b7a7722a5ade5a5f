#pragma once
/// The dashboard (docs/dashboard.md): an HTML page, a JSON API and Prometheus metrics over a Runtime, served from
/// the service's own process. It only reads snapshots and history and calls trigger(), cancel(), pause() and
/// resume(); the Runtime knows nothing of it, so a service that does not link cronc::dashboard carries no HTTP
/// server.

#include <cron/runtime.hpp>
#include <cron/status.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace cron {

/// Where the dashboard listens and who may use it.
struct DashboardOptions {
  /// `HOST:PORT` (`[::1]:8080` for IPv6); port 0 takes any free port. Empty: no dashboard.
  std::string address{};
  /// When set, every request needs `Authorization: Bearer TOKEN` (or Basic auth with TOKEN as the password, which
  /// a browser asks for). When empty and `address` is not loopback, the dashboard is read-only: POST gets 403.
  std::string token{};
  std::size_t max_body_bytes = 1024;   ///< larger request bodies get 413
  std::size_t max_query_bytes = 1024;  ///< longer query strings get 414
  /// A request must arrive in full within this, headers and body (slower senders get 408), and its response be
  /// taken within it; a slow client waits on the listener's thread, never on a worker.
  std::chrono::milliseconds request_timeout{5000};
  std::size_t max_connections = 64;  ///< open at once, slow ones included; more get 503

  /// The dashboard as Options::dashboard and Options::dashboard_token (CRON_DASHBOARD, CRON_DASHBOARD_TOKEN) say.
  static DashboardOptions from(const Options& options);
};

/// Serves `GET /cron` (the page), `/cron/api/...` (JSON) and `GET /metrics` for one Runtime on a thread of its
/// own. Construct it after the Runtime and before Runtime::start(), so the run counters see every run; destroy it
/// before the Runtime.
class Dashboard {
 public:
  /// The dashboard the runtime's options ask for (none when Options::dashboard is empty).
  explicit Dashboard(Runtime& runtime);
  Dashboard(Runtime& runtime, DashboardOptions options);
  ~Dashboard();
  Dashboard(const Dashboard&) = delete;
  Dashboard& operator=(const Dashboard&) = delete;

  /// Binds the address and starts serving. Succeeds without serving when the address is empty; fails, and serves
  /// nothing, for a malformed address or one that cannot be bound (the message says which).
  Status start();
  /// Stops serving and waits for requests in progress.
  void stop();

  /// Between a successful start() that bound an address and stop().
  bool serving() const;
  /// The bound port (the chosen one when the address asked for port 0); 0 when not serving.
  int port() const;
  /// `http://HOST:PORT/cron`, the page's address; empty when not serving.
  std::string url() const;

 private:
  struct Server;
  std::unique_ptr<Server> server_;
};

}  // namespace cron

// The Dashboard: the listener owns the sockets and reads each request in full; cpp-httplib parses and routes the
// complete ones; everything it answers comes from the route, access, API, page and metrics functions.

#include <cron/dashboard.hpp>

#include "dashboard/access.hpp"
#include "dashboard/api.hpp"
#include "dashboard/listen_address.hpp"
#include "dashboard/listener.hpp"
#include "dashboard/metrics.hpp"
#include "dashboard/page.hpp"
#include "dashboard/routes.hpp"

#include <httplib.h>

#include <cerrno>
#include <cstring>
#include <thread>

namespace cron {

namespace {

using dashboard::Reply;

/// The rows of the history a job's page shows at a time.
constexpr std::size_t kPageRows = 25;

std::string_view header(const httplib::Request& request, const char* name) {
  auto found = request.headers.find(name);
  return found == request.headers.end() ? std::string_view() : std::string_view(found->second);
}

/// Who asks, for a pause's `by`: the X-Cron-Actor header (a proxy or script names its user), else the address.
std::string actor(const httplib::Request& request) {
  std::string_view named = header(request, "X-Cron-Actor");
  return named.empty() ? request.remote_addr : std::string(named);
}

void send(const Reply& reply, httplib::Response& response) {
  response.status = reply.status;
  for (const auto& [name, value] : reply.headers) response.set_header(name, value);
  response.set_content(reply.body, reply.content_type.c_str());
}

/// httplib's request parsing and routing, over requests the listener has already read in full.
class Router : public httplib::Server {
 public:
  void answer(httplib::Stream& stream) {
    bool closed = false;
    process_request(stream, /*close_connection=*/true, closed, nullptr);
  }
};

/// A complete request as httplib reads it: reads come from the received bytes, writes go to the socket.
class ReceivedStream : public httplib::Stream {
 public:
  ReceivedStream(const dashboard::ReceivedRequest& request, std::chrono::milliseconds write_timeout)
      : request_(request), write_timeout_(write_timeout) {}

  bool is_readable() const override { return read_ < request_.bytes.size(); }
  bool is_writable() const override { return writable_; }
  ssize_t read(char* ptr, size_t size) override {
    size = std::min(size, request_.bytes.size() - read_);
    std::copy_n(request_.bytes.data() + read_, size, ptr);
    read_ += size;
    return static_cast<ssize_t>(size);
  }
  ssize_t write(const char* ptr, size_t size) override {
    writable_ = writable_ && dashboard::send_all(request_.socket, {ptr, size}, write_timeout_);
    return writable_ ? static_cast<ssize_t>(size) : -1;
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = request_.peer_address;
    port = request_.peer_port;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = request_.local_address;
    port = request_.local_port;
  }
  socket_t socket() const override { return request_.socket; }

 private:
  const dashboard::ReceivedRequest& request_;
  std::chrono::milliseconds write_timeout_;
  std::size_t read_ = 0;
  bool writable_ = true;
};

}  // namespace

DashboardOptions DashboardOptions::from(const Options& options) {
  DashboardOptions result;
  result.address = options.dashboard;
  result.token = options.dashboard_token;
  return result;
}

struct Dashboard::Server {
  Server(Runtime& runtime, DashboardOptions options)
      : options(std::move(options)), address(dashboard::parse_listen_address(this->options.address)) {
    policy.token = this->options.token;
    policy.loopback = address && address->loopback;
    api = std::make_unique<dashboard::Api>(runtime, policy.runs_allowed());
    metrics = std::make_unique<dashboard::Metrics>(runtime);
  }

  Reply handle(const httplib::Request& request);
  Reply dispatch(const dashboard::Routed& routed, const httplib::Request& request);
  /// What the listener answers for a request refused before httplib saw it.
  Reply refusal(const dashboard::Frame& frame) const;
  void configure();

  DashboardOptions options;
  std::optional<dashboard::ListenAddress> address;
  dashboard::AccessPolicy policy;
  std::unique_ptr<dashboard::Api> api;
  std::unique_ptr<dashboard::Metrics> metrics;
  Router http;
  std::unique_ptr<dashboard::Listener> listener;
  std::thread thread;
  int port = 0;
  bool configured = false;
  bool serving = false;
};

Reply Dashboard::Server::handle(const httplib::Request& request) {
  dashboard::RequestFacts facts{request.method, request.path, header(request, "Host"),
                                header(request, "Authorization"), header(request, "Origin")};
  if (auto refused = dashboard::refuse(policy, facts)) return *refused;
  if (auto query = request.target.find('?');
      query != std::string::npos && request.target.size() - query - 1 > options.max_query_bytes) {
    return dashboard::error_reply(request.path, 414,
                                  "the query string is longer than " + std::to_string(options.max_query_bytes) +
                                      " bytes");
  }
  dashboard::Routed routed = dashboard::route(request.method, request.path);
  switch (routed.result) {
    case dashboard::Routed::Result::not_found:
      return dashboard::error_reply(request.path, 404, "nothing here; the dashboard is at /cron");
    case dashboard::Routed::Result::wrong_method: {
      Reply reply = dashboard::error_reply(request.path, 405,
                                           request.method + " is not allowed here; use " + std::string(routed.allow));
      reply.headers.emplace_back("Allow", std::string(routed.allow));
      return reply;
    }
    case dashboard::Routed::Result::found:
      break;
  }
  return dispatch(routed, request);
}

Reply Dashboard::Server::dispatch(const dashboard::Routed& routed, const httplib::Request& request) {
  using dashboard::Route;
  const std::string& id = routed.job_id;
  if (!id.empty() && !api->knows(id)) return dashboard::error_reply(request.path, 404, "no job '" + id + "'");
  switch (routed.route) {
    case Route::jobs_page:
      return dashboard::page_reply({{"view", "jobs"}, {"jobs", api->jobs()}});
    case Route::job_page:
      return dashboard::page_reply(
          {{"view", "job"}, {"job", api->job(id)}, {"executions", api->executions(id, kPageRows, 0)}});
    case Route::jobs:
      return dashboard::json_reply(200, api->jobs());
    case Route::job:
      return dashboard::json_reply(200, api->job(id));
    case Route::executions:
      return api->executions(id, request.params);
    case Route::run:
      return api->run(id);
    case Route::cancel:
      return api->cancel(id);
    case Route::pause:
      return api->pause(id, request.body, actor(request));
    case Route::resume:
      return api->resume(id);
    case Route::backfill:
      return api->backfill(id, request.body);
    case Route::metrics:
      return {200, "text/plain; version=0.0.4; charset=utf-8", metrics->scrape(), {}};
  }
  return dashboard::error_reply(request.path, 500, "unhandled route");
}

Reply Dashboard::Server::refusal(const dashboard::Frame& frame) const {
  if (frame.status == 405) {
    dashboard::Routed routed = dashboard::route(frame.method, frame.path);
    if (routed.result == dashboard::Routed::Result::not_found)
      return dashboard::error_reply(frame.path, 404, "nothing here; the dashboard is at /cron");
    Reply reply = dashboard::error_reply(frame.path, 405, frame.method + " is not allowed here; use " +
                                                              std::string(routed.allow));
    reply.headers.emplace_back("Allow", std::string(routed.allow));
    return reply;
  }
  return dashboard::error_reply(frame.path, frame.status, frame.message);
}

void Dashboard::Server::configure() {
  auto answer = [this](const httplib::Request& request, httplib::Response& response) {
    send(handle(request), response);
  };
  // Every method goes to one handler, so an unknown path is 404 and a known one with the wrong method 405
  // whatever the method; the listener has read and bounded the body before httplib parses it.
  http.Get(".*", answer);
  http.Post(".*", answer);
  http.Put(".*", answer);
  http.Patch(".*", answer);
  http.Delete(".*", answer);
  http.Options(".*", answer);
  http.set_default_headers({dashboard::kCommonHeaders.begin(), dashboard::kCommonHeaders.end()});
  // httplib's own refusals (416 for a malformed Range, say) get a message.
  http.set_error_handler([](const httplib::Request& request, httplib::Response& response) {
    if (!response.body.empty()) return;
    send(dashboard::error_reply(request.path, response.status,
                                "the request was refused (HTTP " + std::to_string(response.status) + ")"),
         response);
  });
  http.set_exception_handler([](const httplib::Request& request, httplib::Response& response,
                                std::exception_ptr error) {
    std::string message = "internal error";
    try {
      if (error) std::rethrow_exception(error);
    } catch (const StoreError& exception) {  // the store cannot be read now: a reason to retry, not a bug
      send(dashboard::error_reply(request.path, 503, exception.what()), response);
      return;
    } catch (const std::exception& exception) {
      message += ": ";
      message += exception.what();
    } catch (...) {
    }
    send(dashboard::error_reply(request.path, 500, std::move(message)), response);
  });
}

Dashboard::Dashboard(Runtime& runtime) : Dashboard(runtime, DashboardOptions::from(runtime.options())) {}

Dashboard::Dashboard(Runtime& runtime, DashboardOptions options) {
  if (!options.address.empty()) server_ = std::make_unique<Server>(runtime, std::move(options));
}

Dashboard::~Dashboard() { stop(); }

Status Dashboard::start() {
  if (!server_ || server_->serving) return Status::success();
  Server& s = *server_;
  if (!s.address) {
    return Status::failure("the dashboard address '" + s.options.address +
                           "' is not HOST:PORT (for example 127.0.0.1:8080 or [::1]:8080)");
  }
  if (!s.configured) s.configure();
  s.configured = true;
  dashboard::ListenerOptions listening;
  listening.frame.max_body_bytes = s.options.max_body_bytes;
  listening.request_timeout = s.options.request_timeout;
  listening.max_connections = s.options.max_connections;
  auto listener = std::make_unique<dashboard::Listener>(
      listening,
      [&s](const dashboard::ReceivedRequest& request) {
        ReceivedStream stream(request, s.options.request_timeout);
        s.http.answer(stream);
      },
      [&s](const dashboard::Frame& frame) { return dashboard::render_response(s.refusal(frame)); });
  errno = 0;
  int port = listener->bind(s.address->host, s.address->port);
  if (port <= 0) {
    int error = errno;
    return Status::failure("the dashboard cannot listen on " + s.options.address +
                           (error != 0 ? std::string(": ") + std::strerror(error) : std::string()));
  }
  s.listener = std::move(listener);
  s.thread = std::thread([&s] { s.listener->run(); });
  s.port = port;
  s.serving = true;
  return Status::success();
}

void Dashboard::stop() {
  if (!server_ || !server_->serving) return;
  server_->listener->stop();
  if (server_->thread.joinable()) server_->thread.join();
  server_->listener.reset();
  server_->serving = false;
  server_->port = 0;
}

bool Dashboard::serving() const { return server_ && server_->serving; }

int Dashboard::port() const { return server_ ? server_->port : 0; }

std::string Dashboard::url() const {
  if (!serving()) return {};
  const std::string& host = server_->address->host;
  bool ipv6 = host.find(':') != std::string::npos;
  return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(server_->port) + "/cron";
}

}  // namespace cron

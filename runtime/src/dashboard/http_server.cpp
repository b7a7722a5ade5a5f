// The Dashboard: cpp-httplib at the edge; everything it answers comes from the route, access, API, page and
// metrics functions.

#include <cron/dashboard.hpp>

#include "dashboard/access.hpp"
#include "dashboard/api.hpp"
#include "dashboard/listen_address.hpp"
#include "dashboard/metrics.hpp"
#include "dashboard/page.hpp"
#include "dashboard/routes.hpp"

#include <httplib.h>

#include <atomic>
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

void send(const Reply& reply, httplib::Response& response) {
  response.status = reply.status;
  for (const auto& [name, value] : reply.headers) response.set_header(name, value);
  response.set_content(reply.body, reply.content_type.c_str());
}

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
  void configure();

  DashboardOptions options;
  std::optional<dashboard::ListenAddress> address;
  dashboard::AccessPolicy policy;
  std::unique_ptr<dashboard::Api> api;
  std::unique_ptr<dashboard::Metrics> metrics;
  httplib::Server http;
  std::thread thread;
  std::atomic<bool> listening_ended{false};
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
    case Route::metrics:
      return {200, "text/plain; version=0.0.4; charset=utf-8", metrics->scrape(), {}};
  }
  return dashboard::error_reply(request.path, 500, "unhandled route");
}

void Dashboard::Server::configure() {
  auto answer = [this](const httplib::Request& request, httplib::Response& response) {
    send(handle(request), response);
  };
  // Every method goes to one handler, so an unknown path is 404 and a known one with the wrong method 405
  // whatever the method; httplib reads (and bounds) a body before calling it.
  http.Get(".*", answer);
  http.Post(".*", answer);
  http.Put(".*", answer);
  http.Patch(".*", answer);
  http.Delete(".*", answer);
  http.Options(".*", answer);
  // A POST without Content-Length has no body (`curl -X POST`), but httplib would answer 400; it is answered
  // before httplib tries to read one.
  http.set_pre_routing_handler([answer](const httplib::Request& request, httplib::Response& response) {
    bool bodiless = !request.has_header("Content-Length") && !request.has_header("Transfer-Encoding");
    if (!bodiless || (request.method != "POST" && request.method != "PUT" && request.method != "PATCH"))
      return httplib::Server::HandlerResponse::Unhandled;
    answer(request, response);
    return httplib::Server::HandlerResponse::Handled;
  });
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, with which a second process silently shares the port.
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  http.set_payload_max_length(options.max_body_bytes);
  http.set_keep_alive_timeout(2);
  http.set_default_headers({{"Cache-Control", "no-store"},
                            {"X-Content-Type-Options", "nosniff"},
                            {"Referrer-Policy", "no-referrer"}});
  // httplib's own refusals (413 for a large body, 414 for a long URI, 400 for a malformed request) get a message.
  http.set_error_handler([this](const httplib::Request& request, httplib::Response& response) {
    if (!response.body.empty()) return;
    std::string message = response.status == 413
                              ? "the request body is larger than " + std::to_string(options.max_body_bytes) + " bytes"
                              : "the request was refused (HTTP " + std::to_string(response.status) + ")";
    send(dashboard::error_reply(request.path, response.status, std::move(message)), response);
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
  errno = 0;
  int port = s.address->port == 0 ? s.http.bind_to_any_port(s.address->host)
                                   : (s.http.bind_to_port(s.address->host, s.address->port) ? s.address->port : -1);
  if (port <= 0) {
    int error = errno;
    return Status::failure("the dashboard cannot listen on " + s.options.address +
                           (error != 0 ? std::string(": ") + std::strerror(error) : std::string()));
  }
  s.listening_ended = false;
  s.thread = std::thread([&s] {
    s.http.listen_after_bind();
    s.listening_ended = true;
  });
  // stop() is only safe once the server runs: before that, httplib's stop() does nothing.
  while (!s.http.is_running() && !s.listening_ended) std::this_thread::yield();
  s.port = port;
  s.serving = true;
  return Status::success();
}

void Dashboard::stop() {
  if (!server_ || !server_->serving) return;
  server_->http.stop();
  if (server_->thread.joinable()) server_->thread.join();
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

// Clients that do not play by the rules, over raw sockets: connections trickling their headers, bodies over the
// limit in chunks, malformed lengths, unknown methods, too many connections. Each was reproduced against the
// server before the listener read requests in full (docs/dashboard.md, "Hostile clients").

#include "dashboard_fixture.hpp"

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>
#include <vector>

namespace cron::testing_dashboard {
namespace {

/// A TCP connection to the dashboard that sends exactly the bytes a test gives it.
class RawConnection {
 public:
  explicit RawConnection(int port) : socket_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(socket_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    timeval timeout{10, 0};  // a test that waits longer has failed
    ::setsockopt(socket_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~RawConnection() { ::close(socket_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }
  /// False once the server has closed the connection (or reset it).
  bool send(std::string_view bytes) {
    return ::send(socket_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
  }
  /// Whether the server has answered or closed (something to read, or the end).
  bool answered() const {
    pollfd readable{socket_, POLLIN, 0};
    return ::poll(&readable, 1, 0) > 0;
  }
  /// Everything the server sends until it closes the connection.
  std::string response() {
    std::string out;
    char buffer[4096];
    for (ssize_t got; (got = ::recv(socket_, buffer, sizeof buffer, 0)) > 0;) out.append(buffer, got);
    return out;
  }

 private:
  int socket_;
  bool connected_ = false;
};

std::string status_line(const std::string& response) { return response.substr(0, response.find("\r\n")); }

std::string body_of(const std::string& response) {
  auto end = response.find("\r\n\r\n");
  return end == std::string::npos ? std::string() : response.substr(end + 4);
}

class HostileClientTest : public DashboardTest {
 protected:
  std::string exchange(std::string_view request) {
    RawConnection connection(dashboard->port());
    EXPECT_TRUE(connection.connected());
    connection.send(request);
    return connection.response();
  }
};

TEST_F(HostileClientTest, TricklingConnectionsDoNotStarveOtherRequests) {
  DashboardOptions options;
  options.request_timeout = 60s;  // the tricklers stay for the whole test
  serve(options);
  // What took the dashboard down: a dozen connections sending one header line now and then, never the end.
  std::vector<std::unique_ptr<RawConnection>> tricklers;
  for (int i = 0; i < 12; ++i) {
    tricklers.push_back(std::make_unique<RawConnection>(dashboard->port()));
    ASSERT_TRUE(tricklers.back()->send("GET /cron HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
  }
  httplib::Client http("127.0.0.1", dashboard->port());
  http.set_connection_timeout(1s);
  http.set_read_timeout(1s);
  for (int request = 0; request < 4; ++request) {
    auto answer = http.Get("/cron/api/jobs");
    ASSERT_TRUE(answer) << "request " << request << ": " << httplib::to_string(answer.error());
    EXPECT_EQ(answer->status, 200);
    for (auto& trickler : tricklers) EXPECT_TRUE(trickler->send("X-Trickle: " + std::to_string(request) + "\r\n"));
  }
  for (auto& trickler : tricklers) EXPECT_FALSE(trickler->answered()) << "a trickler was answered early";
}

TEST_F(HostileClientTest, ARequestThatDoesNotArriveInTimeIs408) {
  DashboardOptions options;
  options.request_timeout = 200ms;
  serve(options);
  RawConnection slow(dashboard->port());
  ASSERT_TRUE(slow.send("GET /cron/api/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
  auto started = std::chrono::steady_clock::now();
  // A slow client: one header line every 50 ms, until the server has had enough.
  for (int line = 0; line < 100 && !slow.answered(); ++line) {
    slow.send("X-Trickle: " + std::to_string(line) + "\r\n");
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s) << "the slow client was never cut off";
  std::string response = slow.response();
  EXPECT_EQ(status_line(response), "HTTP/1.1 408 Request Timeout");
  EXPECT_EQ(nlohmann::json::parse(body_of(response))["error"], "the request did not arrive within 200 ms");
  EXPECT_NE(response.find("\r\nConnection: close\r\n"), std::string::npos);
  EXPECT_NE(response.find("\r\nCache-Control: no-store\r\n"), std::string::npos);
}

TEST_F(HostileClientTest, AChunkedBodyOverTheLimitIs413AndIsNotRead) {
  serve();
  RawConnection connection(dashboard->port());
  ASSERT_TRUE(connection.send("POST /cron/api/jobs/nightly-report/run HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                              "Transfer-Encoding: chunked\r\n\r\n"));
  // Up to 30 MB in 64 KiB chunks, as long as the server takes them and has not answered.
  std::string chunk = "10000\r\n" + std::string(0x10000, 'x') + "\r\n";
  std::size_t sent = 0;
  while (sent < 30u << 20 && !connection.answered() && connection.send(chunk)) sent += chunk.size();
  // The kernel's buffers take a few megabytes whatever the server does; the answer comes long before 30 MB.
  EXPECT_LT(sent, 30u << 20) << "the server took the whole body";
  std::string response = connection.response();
  EXPECT_EQ(status_line(response), "HTTP/1.1 413 Content Too Large");
  EXPECT_EQ(nlohmann::json::parse(body_of(response))["error"], "the request body is larger than 1024 bytes");
  EXPECT_TRUE(runtime->history("nightly-report", 1).empty()) << "the job ran";
}

TEST_F(HostileClientTest, AChunkedBodyWithinTheLimitIsRead) {
  serve();
  std::string response = exchange("POST /cron/api/jobs/nightly-report/run HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                  "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
  EXPECT_EQ(status_line(response), "HTTP/1.1 202 Accepted") << response;
  runtime->wait_until_idle();
}

TEST_F(HostileClientTest, AMalformedContentLengthIs400) {
  serve();
  std::string response = exchange("POST /cron/api/jobs/nightly-report/run HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                  "Content-Length: abc\r\n\r\n{}");
  EXPECT_EQ(status_line(response), "HTTP/1.1 400 Bad Request");
  EXPECT_EQ(nlohmann::json::parse(body_of(response))["error"], "Content-Length 'abc' is not a number of bytes");
  EXPECT_TRUE(runtime->history("nightly-report", 1).empty()) << "the job ran";
  std::string both = exchange("POST /cron/api/jobs/nightly-report/run HTTP/1.1\r\nContent-Length: 2\r\n"
                              "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
  EXPECT_EQ(status_line(both), "HTTP/1.1 400 Bad Request");
}

TEST_F(HostileClientTest, AnUnknownMethodIs405WithAllow) {
  serve();
  std::string trace = exchange("TRACE /cron HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  EXPECT_EQ(status_line(trace), "HTTP/1.1 405 Method Not Allowed");
  EXPECT_NE(trace.find("\r\nAllow: GET, HEAD\r\n"), std::string::npos) << trace;
  EXPECT_EQ(body_of(trace), "TRACE is not allowed here; use GET, HEAD\n");
  std::string propfind = exchange("PROPFIND /cron/api/jobs/nightly-report/run HTTP/1.1\r\n\r\n");
  EXPECT_EQ(status_line(propfind), "HTTP/1.1 405 Method Not Allowed");
  EXPECT_NE(propfind.find("\r\nAllow: POST\r\n"), std::string::npos) << propfind;
  EXPECT_EQ(nlohmann::json::parse(body_of(propfind))["error"], "PROPFIND is not allowed here; use POST");
  EXPECT_EQ(status_line(exchange("TRACE /nothing HTTP/1.1\r\n\r\n")), "HTTP/1.1 404 Not Found");
}

TEST_F(HostileClientTest, MoreConnectionsThanTheLimitAre503) {
  DashboardOptions options;
  options.max_connections = 3;
  options.request_timeout = 60s;
  serve(options);
  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(std::make_unique<RawConnection>(dashboard->port()));
    ASSERT_TRUE(held.back()->send("GET /cron HTTP/1.1\r\n"));
  }
  std::string refused = exchange("GET /cron/api/jobs HTTP/1.1\r\n\r\n");
  EXPECT_EQ(status_line(refused), "HTTP/1.1 503 Service Unavailable");
  EXPECT_EQ(body_of(refused), "the dashboard has 3 connections open, its limit; try again\n");
  held.pop_back();  // one leaves: the next request is answered
  for (int attempt = 0; attempt < 1000; ++attempt) {
    std::string answer = exchange("GET /cron/api/jobs HTTP/1.1\r\n\r\n");
    if (status_line(answer) == "HTTP/1.1 200 OK") return;
    ASSERT_EQ(status_line(answer), "HTTP/1.1 503 Service Unavailable") << "until the server sees it leave";
  }
  FAIL() << "a closed connection still counts against the limit";
}

}  // namespace
}  // namespace cron::testing_dashboard

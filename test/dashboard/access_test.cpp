// The plain functions under the server: listen addresses, loopback names, routing and the access policy.

#include "dashboard/access.hpp"
#include "dashboard/listen_address.hpp"
#include "dashboard/routes.hpp"

#include <gtest/gtest.h>

namespace cron::dashboard {
namespace {

TEST(ListenAddressTest, ParsesHostAndPort) {
  auto v4 = parse_listen_address("127.0.0.1:8080");
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->host, "127.0.0.1");
  EXPECT_EQ(v4->port, 8080);
  EXPECT_TRUE(v4->loopback);
  auto v6 = parse_listen_address("[::1]:0");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 0);
  EXPECT_TRUE(v6->loopback);
  auto any = parse_listen_address("0.0.0.0:65535");
  ASSERT_TRUE(any);
  EXPECT_FALSE(any->loopback);
  EXPECT_FALSE(parse_listen_address("[::]:80")->loopback);
  EXPECT_FALSE(parse_listen_address("cron.example.com:80")->loopback);
  EXPECT_TRUE(parse_listen_address("localhost:80")->loopback);
}

TEST(ListenAddressTest, RefusesWhatIsNotHostColonPort) {
  for (std::string_view text : {"", "8080", ":8080", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1",
                                "127.0.0.1:80 ", "::1:8080", "[::1]", "[::1]:", "[]:80", "127.0.0.1:123456"})
    EXPECT_FALSE(parse_listen_address(text)) << text;
}

TEST(ListenAddressTest, KnowsLoopbackNames) {
  for (std::string_view host : {"localhost", "LOCALHOST", "localhost.", "127.0.0.1", "127.1.2.3", "::1"})
    EXPECT_TRUE(is_loopback_host(host)) << host;
  for (std::string_view host : {"0.0.0.0", "::", "10.0.0.1", "128.0.0.1", "localhost.example.com", "", "127.0.0.1x"})
    EXPECT_FALSE(is_loopback_host(host)) << host;
  EXPECT_EQ(host_of("127.0.0.1:8080"), "127.0.0.1");
  EXPECT_EQ(host_of("[::1]:8080"), "::1");
  EXPECT_EQ(host_of("localhost"), "localhost");
}

TEST(RoutesTest, NamesEveryRouteAndItsJob) {
  auto job = route("GET", "/cron/api/jobs/nightly-report/executions");
  EXPECT_EQ(job.result, Routed::Result::found);
  EXPECT_EQ(job.route, Route::executions);
  EXPECT_EQ(job.job_id, "nightly-report");
  EXPECT_EQ(route("HEAD", "/metrics").route, Route::metrics);
  EXPECT_EQ(route("POST", "/cron/api/jobs/a/run").route, Route::run);
  EXPECT_EQ(route("POST", "/cron/api/jobs/a/cancel").route, Route::cancel);
  EXPECT_EQ(route("POST", "/cron/api/jobs/a/pause").route, Route::pause);
  EXPECT_EQ(route("POST", "/cron/api/jobs/a/resume").route, Route::resume);
  EXPECT_EQ(route("GET", "/cron/jobs/a").route, Route::job_page);
  EXPECT_EQ(route("GET", "/cron/api/jobs/").result, Routed::Result::not_found);
  auto wrong = route("PATCH", "/cron/api/jobs/a/run");
  EXPECT_EQ(wrong.result, Routed::Result::wrong_method);
  EXPECT_EQ(wrong.allow, "POST");
}

TEST(AccessTest, ChecksHostThenTokenThenWhatAPostMayDo) {
  AccessPolicy loopback_with_token{"t0ken", true};
  auto wrong_host = refuse(loopback_with_token, {"GET", "/cron", "evil.example", "", ""});
  ASSERT_TRUE(wrong_host);
  EXPECT_EQ(wrong_host->status, 403) << "the Host check comes before the token";
  EXPECT_EQ(refuse(loopback_with_token, {"GET", "/cron", "localhost:1", "", ""})->status, 401);
  EXPECT_FALSE(refuse(loopback_with_token, {"GET", "/cron", "localhost:1", "Bearer t0ken", ""}));
  EXPECT_FALSE(refuse(loopback_with_token, {"GET", "/cron", "", "Bearer t0ken", ""})) << "HTTP/1.0: no Host";
  EXPECT_EQ(refuse(loopback_with_token, {"GET", "/cron", "", "Bearer ", ""})->status, 401);
  EXPECT_EQ(refuse(loopback_with_token, {"GET", "/cron", "", "Basic !!!", ""})->status, 401);
  EXPECT_EQ(refuse(loopback_with_token, {"GET", "/cron", "", "Basic dXNlcg==", ""})->status, 401) << "no colon";
  EXPECT_FALSE(refuse(loopback_with_token, {"GET", "/cron", "", "Basic dXNlcjp0MGtlbg==", ""})) << "user:t0ken";

  AccessPolicy open_network{"", false};
  EXPECT_FALSE(refuse(open_network, {"GET", "/metrics", "cron.example.com", "", ""}));
  EXPECT_EQ(refuse(open_network, {"POST", "/cron/api/jobs/a/run", "cron.example.com", "", ""})->status, 403);

  AccessPolicy loopback{"", true};
  EXPECT_FALSE(refuse(loopback, {"POST", "/cron/api/jobs/a/run", "localhost:8080", "", "http://localhost:8080"}));
  EXPECT_EQ(refuse(loopback, {"POST", "/x", "localhost:8080", "", "http://localhost:9090"})->status, 403);
  EXPECT_EQ(refuse(loopback, {"POST", "/x", "localhost:8080", "", "http://localhost:8080"}), std::nullopt);
}

}  // namespace
}  // namespace cron::dashboard

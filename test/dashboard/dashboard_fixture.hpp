#pragma once
// A Runtime on a manual clock with a memory store, its Dashboard on 127.0.0.1 and an ephemeral port, and an
// httplib client: the dashboard tests talk HTTP to a real server and move time by hand.

#include "gate.hpp"

#include <cron/dashboard.hpp>
#include <cron/runtime.hpp>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>

namespace cron::testing_dashboard {

using namespace std::chrono_literals;

inline std::chrono::sys_seconds at(std::string_view text) {
  std::chrono::sys_seconds time;
  EXPECT_TRUE(parse_utc(text, time)) << text;
  return time;
}

inline test::Gate gate;

inline Status report() {
  gate.pass();
  return Status::success();
}
inline Status broken_import() { return Status::failure("</script><script>alert(2)</script> & the feed was empty"); }

/// User strings with markup in them, to check that the page shows them as text.
inline constexpr std::string_view kScriptTitle = "<script>alert(1)</script> Nightly report";

inline constexpr JobDefinition kJobs[] = {
    {"nightly-report", kScriptTitle, "every:120", Schedule::every_minutes(120).value(), &report, "test::report"},
    {"import-feed", "Import the feed", "schedule:30 * * * *", Schedule::cron("30 * * * *").value(), &broken_import,
     "test::broken_import"},
};

class DashboardTest : public ::testing::Test {
 protected:
  void SetUp() override { gate.reset(); }
  void TearDown() override {
    gate.open();
    dashboard.reset();
    runtime.reset();
  }

  /// Makes the runtime (not started) over `jobs`; `store` keeps a pointer to its memory store for tests that
  /// record executions by hand.
  void make_runtime(std::span<const JobDefinition> jobs = kJobs) {
    Options options;
    options.clock = clock;
    auto memory = make_memory_store();
    store = memory.get();
    options.store_instance = std::move(memory);
    options.replica = "test-replica";
    runtime = std::make_unique<Runtime>(std::move(options), jobs);
    // The runtime's start-up recovery (marking runs a dead process left `running` as interrupted) runs on the
    // recorder's thread; let it finish so that it cannot mark the rows a test then writes by hand.
    runtime->wait_until_recorded();
  }

  /// Makes the runtime unless the test did, and starts its dashboard on 127.0.0.1 and an ephemeral port.
  void serve(DashboardOptions dashboard_options = {}) {
    if (!runtime) make_runtime();
    if (dashboard_options.address.empty()) dashboard_options.address = "127.0.0.1:0";
    dashboard = std::make_unique<Dashboard>(*runtime, std::move(dashboard_options));
    Status started = dashboard->start();
    ASSERT_TRUE(started.ok()) << started.message();
    ASSERT_TRUE(dashboard->serving());
    ASSERT_GT(dashboard->port(), 0);
  }

  httplib::Client client() const {
    httplib::Client http("127.0.0.1", dashboard->port());
    http.set_connection_timeout(5s);
    http.set_read_timeout(10s);
    return http;
  }

  httplib::Result get(const std::string& path, const httplib::Headers& headers = {}) {
    return client().Get(path, headers);
  }
  httplib::Result post(const std::string& path, const httplib::Headers& headers = {}, const std::string& body = "") {
    return client().Post(path, headers, body, "application/octet-stream");
  }

  static nlohmann::json json_of(const httplib::Result& result) { return nlohmann::json::parse(result->body); }

  /// Sets the clock and waits until the runtime has handled every tick due and no endpoint runs.
  void advance_to(std::string_view time) {
    clock->set(TimePoint(at(time)));
    runtime->wait_until_idle();
  }

  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(TimePoint(at("2026-03-01T09:59:30Z")));
  Store* store = nullptr;
  std::unique_ptr<Runtime> runtime;
  std::unique_ptr<Dashboard> dashboard;
};

}  // namespace cron::testing_dashboard

// A real PostgreSQL whose processes are stopped (SIGSTOP) across a tick: the server still accepts TCP but never
// answers, so only the store's own deadlines bound the calls. The dashboard's reads and stop() stay responsive,
// and once the server runs again the tick runs once and is recorded.

#include "test_database.hpp"

#include <cron/runtime.hpp>

#include <gtest/gtest.h>

#include <signal.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>

namespace cron {
namespace {

using namespace std::chrono_literals;
using test::at;

/// The postmaster and its children, from the cluster scripts/postgres.sh started (CRONC_POSTGRES_STATE).
std::vector<pid_t> server_processes() {
  const char* state = std::getenv("CRONC_POSTGRES_STATE");
  std::ifstream env(state != nullptr ? state : CRONC_POSTGRES_STATE_DEFAULT);
  std::string line, dir;
  while (std::getline(env, line))
    if (line.starts_with("CRONC_POSTGRES_DIR=")) dir = line.substr(19);
  std::ifstream pid_file(dir + "/data/postmaster.pid");
  pid_t postmaster = 0;
  pid_file >> postmaster;
  std::vector<pid_t> pids{postmaster};
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::ifstream stat(entry.path() / "stat");
    std::string pid, name, state_letter;
    pid_t parent = 0;
    if (stat >> pid >> name >> state_letter >> parent && parent == postmaster) pids.push_back(std::stoi(pid));
  }
  return pids;
}

/// Stops the server's processes while it lives.
class StoppedServer {
 public:
  StoppedServer() : pids_(server_processes()) {
    for (pid_t pid : pids_) ::kill(pid, SIGSTOP);
  }
  ~StoppedServer() { resume(); }
  void resume() {
    for (pid_t pid : pids_) ::kill(pid, SIGCONT);
    pids_.clear();
  }

 private:
  std::vector<pid_t> pids_;
};

std::atomic<int> runs{0};
Status count() {
  ++runs;
  return Status::success();
}
constexpr JobDefinition kJobs[] = {
    {"each-minute", "Each minute", "every:1", Schedule::every_minutes(1).value(), &count, "test::count"},
};

class StoppedServerTest : public test::PostgresTest {};

TEST_F(StoppedServerTest, AStoppedServerFreezesNeitherReadsNorStopAndTheTickRunsOnceAfter) {
  if (!database) return;
  auto clock = std::make_shared<ManualClock>(TimePoint(at("2026-03-01T09:59:30Z")));
  Options options;
  options.clock = clock;
  // Test-only bounds keep the test short: 1 s per statement, 1 s to connect.
  options.store_instance = make_postgres_store(database->uri() + "?connect_timeout=1", 1000ms);
  options.log = nullptr;
  Runtime runtime(std::move(options), kJobs);
  runtime.start();
  runtime.wait_until_idle();
  {
    StoppedServer stopped;
    clock->set(TimePoint(at("2026-03-01T10:00:00Z")));
    runtime.wait_until_ticks_handled();  // the claim gave up on the silent server
    auto read = std::async(std::launch::async, [&] {
      try {
        runtime.snapshot();
      } catch (const StoreError&) {  // a 503 on the dashboard: an answer, not a hang
      }
    });
    EXPECT_EQ(read.wait_for(30s), std::future_status::ready) << "a read hung on the stopped server";
    EXPECT_EQ(runs, 0);
  }
  clock->set(TimePoint(at("2026-03-01T10:00:01Z")));  // claimed again a second later
  runtime.wait_until_idle();
  for (int i = 0; i < 50 && runs == 0; ++i) {  // the reconnection may be in its backoff: claimed again each second
    clock->advance(1s);
    runtime.wait_until_idle();
  }
  EXPECT_EQ(runs, 1) << "the tick was lost or run twice";
  runtime.wait_until_recorded();
  EXPECT_EQ(database->value("SELECT count(*) FROM cron.executions WHERE key = 'each-minute@2026-03-01T10:00Z' "
                            "AND outcome = 'succeeded'"),
            "1");

  StoppedServer again;
  auto stopping = std::async(std::launch::async, [&] { return runtime.stop(1s); });
  EXPECT_EQ(stopping.wait_for(30s), std::future_status::ready) << "stop() hung on the stopped server";
  again.resume();
}

}  // namespace
}  // namespace cron

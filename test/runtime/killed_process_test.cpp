// A service process killed with SIGKILL in the middle of a run, then restarted on the same SQLite file: the run
// is marked interrupted and no record is lost or duplicated; a clean restart repeats no tick.

#include "sqlite_file.hpp"

#include <cron/runtime.hpp>

#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace cron {
namespace {

using namespace std::chrono_literals;

TimePoint at(std::string_view text) {
  std::chrono::sys_seconds time;
  EXPECT_TRUE(parse_utc(text, time)) << text;
  return TimePoint(time);
}

/// cronc_sqlite_service (sqlite_service_main.cpp) with its standard output on a pipe; killed if the test ends
/// without waiting for it.
class ServiceProcess {
 public:
  explicit ServiceProcess(std::vector<std::string> args) {
    int ends[2];
    if (::pipe2(ends, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    output_ = ends[0];
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, ends[1], STDOUT_FILENO);
    args.insert(args.begin(), CRONC_SQLITE_SERVICE);
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    int spawned = posix_spawn(&pid_, CRONC_SQLITE_SERVICE, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(ends[1]);
    if (spawned != 0) {
      pid_ = 0;
      throw std::runtime_error("cannot start " CRONC_SQLITE_SERVICE);
    }
  }
  ~ServiceProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    ::close(output_);
  }
  ServiceProcess(const ServiceProcess&) = delete;
  ServiceProcess& operator=(const ServiceProcess&) = delete;

  /// The next line the process writes; empty when it closes its output or nothing comes within `limit`.
  std::optional<std::string> read_line(std::chrono::milliseconds limit = 30s) {
    auto until = std::chrono::steady_clock::now() + limit;
    while (true) {
      if (auto end = buffer_.find('\n'); end != std::string::npos) {
        std::string line = buffer_.substr(0, end);
        buffer_.erase(0, end + 1);
        return line;
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
      pollfd ready{output_, POLLIN, 0};
      if (left <= 0ms || ::poll(&ready, 1, static_cast<int>(left.count())) <= 0) return std::nullopt;
      char chunk[256];
      ssize_t got = ::read(output_, chunk, sizeof chunk);
      if (got <= 0) return std::nullopt;
      buffer_.append(chunk, static_cast<std::size_t>(got));
    }
  }

  /// Sends `signal` and returns the wait status.
  int kill(int signal) {
    ::kill(pid_, signal);
    return wait();
  }
  int wait() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = 0;
    return status;
  }

 private:
  pid_t pid_ = 0;
  int output_ = -1;
  std::string buffer_;
};

std::atomic<int> parent_runs{0};
Status count_run() {
  ++parent_runs;
  return Status::success();
}

/// The job the service process runs, with the same ID, run here after the restart.
constexpr JobDefinition kJobs[] = {
    {"every-two-hours", "Every two hours", "every:120", Schedule::every_minutes(120).value(), &count_run,
     "test::count_run"},
};

class KilledProcessTest : public testing::Test {
 protected:
  void SetUp() override {
    parent_runs = 0;
    path = std::filesystem::temp_directory_path() / ("cronc-killed-" + std::to_string(::getpid()) + ".db");
    remove_files();
  }
  void TearDown() override { remove_files(); }
  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm", ".lock"}) std::filesystem::remove(path.string() + suffix);
  }

  /// Each execution in the file, oldest first, as `KEY OUTCOME`.
  std::vector<std::string> records() {
    std::vector<std::string> result;
    for (const auto& row : test::sqlite_rows(path.string(), "SELECT key, outcome FROM executions ORDER BY id"))
      result.push_back(row[0] + " " + row[1]);
    return result;
  }

  std::filesystem::path path;
};

TEST_F(KilledProcessTest, AProcessKilledMidRunLeavesItInterruptedAndARestartLosesOrRepeatsNothing) {
  {
    ServiceProcess service({"--store", "sqlite:" + path.string(), "--start", "2026-03-01T07:59:30Z", "--step",
                            "2026-03-01T08:00:00Z", "--step", "2026-03-01T10:00:00Z", "--block",
                            "every-two-hours@2026-03-01T10:00Z"});
    EXPECT_EQ(service.read_line(), "ran every-two-hours@2026-03-01T08:00Z");
    ASSERT_EQ(service.read_line(), "entered every-two-hours@2026-03-01T10:00Z") << "the service never blocked";
    EXPECT_EQ(records(), (std::vector<std::string>{"every-two-hours@2026-03-01T08:00Z succeeded",
                                                   "every-two-hours@2026-03-01T10:00Z running"}));
    int status = service.kill(SIGKILL);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "wait status " << status;
  }

  // The restart, here: it finds the run the dead process left and runs the next tick, not the killed one.
  std::mutex log_mutex;
  std::vector<std::string> log;
  {
    auto clock = std::make_shared<ManualClock>(at("2026-03-01T10:00:30Z"));
    Options options;
    options.clock = clock;
    options.store_instance = make_sqlite_store(path.string());
    options.log = [&](const LogEvent& event) {
      std::lock_guard lock(log_mutex);
      if (event.kind == LogEvent::Kind::interrupted) log.push_back(format_log_line(event));
    };
    Runtime runtime(std::move(options), kJobs);
    runtime.start();
    runtime.wait_until_idle();
    EXPECT_EQ(records(), (std::vector<std::string>{"every-two-hours@2026-03-01T08:00Z succeeded",
                                                   "every-two-hours@2026-03-01T10:00Z interrupted"}));
    EXPECT_EQ(runtime.history("every-two-hours", 1).at(0).message, "the process stopped while it ran");
    EXPECT_EQ(parent_runs, 0) << "the killed tick ran again";
    clock->set(at("2026-03-01T12:00:00Z"));
    runtime.wait_until_idle();
    EXPECT_EQ(parent_runs, 1);
  }
  EXPECT_EQ(log, (std::vector<std::string>{"cron: interrupted: 1 execution(s) left running by a stopped process"}));

  // A clean restart in another process, at the very tick that already ran: only the next one runs.
  {
    ServiceProcess service(
        {"--store", "sqlite:" + path.string(), "--start", "2026-03-01T12:00:00Z", "--step", "2026-03-01T14:00:00Z"});
    EXPECT_EQ(service.read_line(), "ran every-two-hours@2026-03-01T14:00Z");
    EXPECT_EQ(service.read_line(), "stopped");
    int status = service.wait();
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "wait status " << status;
  }
  EXPECT_EQ(records(), (std::vector<std::string>{"every-two-hours@2026-03-01T08:00Z succeeded",
                                                 "every-two-hours@2026-03-01T10:00Z interrupted",
                                                 "every-two-hours@2026-03-01T12:00Z succeeded",
                                                 "every-two-hours@2026-03-01T14:00Z succeeded"}));
}

}  // namespace
}  // namespace cron

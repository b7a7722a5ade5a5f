// Several replicas of one service on one PostgreSQL database: each tick runs once; a replica killed in the middle
// of a run is replaced by another that runs the tick again with the same key; a server restart is survived.

#include "gate.hpp"
#include "test_database.hpp"

#include <cron/runtime.hpp>

#include <gtest/gtest.h>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <condition_variable>
#include <map>
#include <mutex>
#include <span>
#include <set>
#include <thread>

extern char** environ;

namespace cron {
namespace {

using namespace std::chrono_literals;
using test::at;

/// How often each tick's endpoint ran, across every Runtime of the test process.
struct Calls {
  std::mutex mutex;
  std::map<std::string, int> by_key;

  void reset() {
    std::lock_guard lock(mutex);
    by_key.clear();
  }
  std::map<std::string, int> seen() {
    std::lock_guard lock(mutex);
    return by_key;
  }
  int total() {
    std::lock_guard lock(mutex);
    int sum = 0;
    for (const auto& [key, count] : by_key) sum += count;
    return sum;
  }
};
Calls calls;

Status count_call() {
  std::lock_guard lock(calls.mutex);
  ++calls.by_key[std::string(current_execution()->key)];
  return Status::success();
}

constexpr JobDefinition kJobs[] = {
    {"each-minute", "Each minute", "every:1", Schedule::every_minutes(1).value(), &count_call, "test::count_call"},
};

test::Gate gate;

Status wait_at_gate() {
  gate.pass();
  return Status::success();
}

constexpr JobDefinition kBlockingJobs[] = {
    {"held-open", "Held open", "every:60", Schedule::every_minutes(60).value(), &wait_at_gate, "test::wait_at_gate"},
};

class ReplicasTest : public test::PostgresTest {
 protected:
  void SetUp() override {
    calls.reset();
    gate.close();
    PostgresTest::SetUp();
  }

  std::unique_ptr<Runtime> make_replica(std::string name, std::span<const JobDefinition> jobs = kJobs) {
    Options options;
    options.clock = clock;
    options.store_instance = make_postgres_store(database->uri());
    options.replica = std::move(name);
    options.workers = 2;
    return std::make_unique<Runtime>(std::move(options), jobs);
  }

  /// Moves the shared clock and waits until every replica has handled what came due.
  void advance(std::chrono::seconds by, const std::vector<std::unique_ptr<Runtime>>& replicas) {
    clock->advance(by);
    for (const auto& replica : replicas) replica->wait_until_idle();
  }

  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(TimePoint(at("2026-03-01T00:00:30Z")));
};

TEST_F(ReplicasTest, ThreeReplicasRunEachOfAThousandTicksExactlyOnce) {
  constexpr int kTicks = 1000;
  std::vector<std::unique_ptr<Runtime>> replicas;
  for (const char* name : {"replica-a", "replica-b", "replica-c"}) replicas.push_back(make_replica(name));
  for (const auto& replica : replicas) replica->start();
  for (int i = 0; i < kTicks; ++i) advance(60s, replicas);

  auto seen = calls.seen();
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kTicks));
  for (const auto& [key, count] : seen) EXPECT_EQ(count, 1) << key;
  EXPECT_EQ(seen.begin()->first, "each-minute@2026-03-01T00:01Z");
  EXPECT_EQ(seen.rbegin()->first, "each-minute@2026-03-01T16:40Z");
  EXPECT_EQ(database->value("SELECT count(*) FROM cron.executions WHERE outcome = 'succeeded' AND attempt = 1"),
            std::to_string(kTicks));
  EXPECT_EQ(database->value("SELECT count(*) FROM cron.executions"), std::to_string(kTicks));
  EXPECT_EQ(database->value("SELECT count(*) FROM cron.claims WHERE done"), std::to_string(kTicks));
  // Every replica's runs are in the one history, with who ran them.
  auto by_replica = database->query("SELECT replica, count(*) FROM cron.executions GROUP BY replica ORDER BY 1");
  for (const auto& row : by_replica) std::cout << "  " << row[0] << " ran " << row[1] << " ticks\n";
  auto history = replicas[0]->history("each-minute", 2000);
  EXPECT_EQ(history.size(), static_cast<std::size_t>(kTicks));
  std::set<std::string> names;
  for (const Execution& execution : history) names.insert(execution.replica);
  EXPECT_GE(names.size(), 2u) << "one replica ran everything: the others never won a claim";
}

TEST_F(ReplicasTest, AManualRunOnOneReplicaShowsOnAllAndCountsAsRunning) {
  std::vector<std::unique_ptr<Runtime>> replicas;
  for (const char* name : {"replica-a", "replica-b"}) replicas.push_back(make_replica(name, kBlockingJobs));
  auto result = replicas[0]->trigger("held-open");
  ASSERT_EQ(result.status, TriggerResult::Status::started);
  gate.wait_until_entered();
  EXPECT_EQ(replicas[1]->trigger("held-open").status, TriggerResult::Status::already_running)
      << "a manual run started while the job ran on another replica";
  replicas[0]->wait_until_recorded();  // the running row (its outcome waits behind the gate)
  auto during = replicas[1]->history("held-open", 10);
  EXPECT_TRUE(!during.empty() && during[0].outcome == Outcome::running) << "the run is not visible on replica-b";
  gate.open();
  replicas[0]->wait_until_idle();
  auto history = replicas[1]->history("held-open", 10);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].key, result.key);
  EXPECT_EQ(history[0].trigger, Trigger::manual);
  EXPECT_EQ(history[0].replica, "replica-a");
  EXPECT_EQ(history[0].outcome, Outcome::succeeded);
}

TEST_F(ReplicasTest, APauseOnOneReplicaIsHonouredByTheOtherFromItsNextPass) {
  std::vector<std::unique_ptr<Runtime>> replicas;
  for (const char* name : {"replica-a", "replica-b"}) replicas.push_back(make_replica(name));
  for (const auto& replica : replicas) replica->start();
  advance(60s, replicas);  // 00:01 runs on one of them
  ASSERT_EQ(calls.total(), 1);

  ASSERT_EQ(replicas[0]->pause("each-minute", "deploying", "ops@example.com"), PauseResult::done);
  for (int i = 0; i < 3; ++i) advance(60s, replicas);  // 00:02 to 00:04
  EXPECT_EQ(calls.total(), 1) << "a replica ran a tick of the paused job";
  auto seen_by_b = replicas[1]->snapshot(0).at(0).paused;
  ASSERT_TRUE(seen_by_b) << "replica-b does not show the pause made on replica-a";
  EXPECT_EQ(seen_by_b->by, "ops@example.com");
  EXPECT_EQ(seen_by_b->note, "deploying");

  ASSERT_EQ(replicas[1]->resume("each-minute"), PauseResult::done);
  advance(60s, replicas);  // 00:05
  auto seen = calls.seen();
  EXPECT_EQ(seen, (std::map<std::string, int>{{"each-minute@2026-03-01T00:01Z", 1},
                                               {"each-minute@2026-03-01T00:05Z", 1}}))
      << "the paused ticks ran or were replayed, or the next one did not run once";
  EXPECT_EQ(database->value("SELECT count(*) FROM cron.executions"), "2") << "a paused tick was recorded";
  EXPECT_EQ(database->value("SELECT count(*) FROM cron.claims"), "2") << "a paused tick was claimed";
}

/// A child process; killed with SIGKILL if the test ends without stopping it.
struct Child {
  std::string name;
  pid_t pid = 0;

  ~Child() {
    if (pid > 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
  }
  void signal(int number) {
    if (pid > 0) ::kill(pid, number);
  }
  /// Waits for the process to exit, up to `limit`, then kills it; returns its wait status.
  int wait(std::chrono::milliseconds limit) {
    auto until = std::chrono::steady_clock::now() + limit;
    int status = 0;
    while (::waitpid(pid, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > until) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        break;
      }
      std::this_thread::sleep_for(20ms);
    }
    pid = 0;
    return status;
  }
};

std::vector<std::string> lines(const std::filesystem::path& path) {
  std::vector<std::string> result;
  std::ifstream file(path);
  for (std::string line; std::getline(file, line);) result.push_back(line);
  return result;
}

template <class Condition>
bool wait_for(std::chrono::milliseconds limit, Condition condition) {
  auto until = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(50ms);
  }
  return true;
}

TEST_F(ReplicasTest, AKilledReplicasTickIsRunAgainWithTheSameKeyAfterItsLeaseExpires) {
  constexpr auto kLease = 2000ms;
  const std::string blocked_key = "tick@2026-03-01T10:03Z";
  auto dir = std::filesystem::temp_directory_path() / ("cronc-replicas-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);

  // The replicas' clock: 09:59:00 at `epoch`, a minute per second, so 10:03 comes about five seconds from now.
  auto epoch = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now()) + 1500ms;
  std::map<std::string, Child> children;
  for (std::string name : {"replica-a", "replica-b", "replica-c"}) {
    std::vector<std::string> args = {CRONC_REPLICA_PROGRAM, "--store", database->uri(), "--replica", name,
                                     "--epoch-ms", std::to_string(epoch.time_since_epoch().count()),
                                     "--start", "2026-03-01T09:59:00Z", "--speed", "60",
                                     "--lease-ms", std::to_string(kLease.count()), "--block", blocked_key,
                                     "--dir", dir.string(), "--run-for-ms", "30000"};
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    Child& child = children[name];
    child.name = name;
    ASSERT_EQ(posix_spawn(&child.pid, CRONC_REPLICA_PROGRAM, nullptr, nullptr, argv.data(), environ), 0);
  }

  ASSERT_TRUE(wait_for(15s, [&] { return std::filesystem::exists(dir / "blocked"); }))
      << "no replica started " << blocked_key;
  std::string victim = lines(dir / "blocked").at(0);
  ASSERT_TRUE(children.contains(victim)) << victim;
  children[victim].signal(SIGKILL);
  children[victim].wait(5s);
  auto killed = std::chrono::steady_clock::now();

  std::vector<std::vector<std::string>> retried;
  ASSERT_TRUE(wait_for(15s, [&] {
    retried = database->query("SELECT replica, outcome FROM cron.executions WHERE key = '" + blocked_key +
                              "' AND attempt = 2 AND outcome <> 'running'");
    return !retried.empty();
  })) << "no replica ran " << blocked_key << " again";
  auto takeover = std::chrono::steady_clock::now() - killed;
  std::cout << "  " << victim << " killed; " << retried[0][0] << " ran attempt 2 after "
            << std::chrono::duration_cast<std::chrono::milliseconds>(takeover).count() << " ms\n";
  EXPECT_NE(retried[0][0], victim);
  EXPECT_EQ(retried[0][1], "succeeded");

  std::this_thread::sleep_for(1s);  // a few more ticks after the takeover
  for (auto& [name, child] : children) child.signal(SIGTERM);
  for (auto& [name, child] : children) {
    if (child.pid == 0) continue;
    int status = child.wait(10s);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << name << " status " << status;
  }

  // The killed attempt is recorded as interrupted, the retry under the same key as attempt 2; nothing else ran twice.
  EXPECT_EQ(database->query("SELECT attempt, replica, outcome FROM cron.executions WHERE key = '" + blocked_key +
                            "' ORDER BY attempt"),
            (std::vector<std::vector<std::string>>{{"1", victim, "interrupted"}, {"2", retried[0][0], "succeeded"}}));
  EXPECT_EQ(database->query("SELECT key, attempt FROM cron.executions GROUP BY key, attempt HAVING count(*) > 1"),
            (std::vector<std::vector<std::string>>{}));
  EXPECT_EQ(database->query("SELECT key FROM cron.executions WHERE attempt > 1 AND key <> '" + blocked_key + "'"),
            (std::vector<std::vector<std::string>>{}));
  std::map<std::string, int> endpoint_calls;
  for (const auto& [name, child] : children)
    for (const std::string& line : lines(dir / ("calls-" + name + ".log"))) ++endpoint_calls[line];
  EXPECT_EQ(endpoint_calls[blocked_key + "#1"], 1);
  EXPECT_EQ(endpoint_calls[blocked_key + "#2"], 1);
  for (const auto& [call, count] : endpoint_calls) EXPECT_EQ(count, 1) << call << " ran more than once";
  EXPECT_GE(endpoint_calls.size(), 6u) << "the replicas ran too few ticks to mean anything";
  EXPECT_GE(std::stoi(database->value("SELECT count(*) FROM cron.executions WHERE outcome = 'succeeded' AND "
                                      "scheduled > '2026-03-01T10:03:00Z'")),
            1)
      << "no tick ran after the takeover";
  std::filesystem::remove_all(dir);
}

/// Runs scripts/postgres.sh with `command` (down, up, status); returns its exit status.
int postgres_script(const std::string& command) {
  return std::system(("bash '" CRONC_POSTGRES_SCRIPT "' " + command + " >&2").c_str());
}

TEST_F(ReplicasTest, ReplicasKeepGoingThroughAServerRestartAndClaimNothingWhileItIsDown) {
  if (postgres_script("status") != 0) GTEST_SKIP() << "the server was not started by scripts/postgres.sh";
  std::vector<std::unique_ptr<Runtime>> replicas;
  for (const char* name : {"replica-a", "replica-b"}) replicas.push_back(make_replica(name));
  for (const auto& replica : replicas) replica->start();
  for (int i = 0; i < 3; ++i) advance(60s, replicas);  // 00:01 to 00:03
  ASSERT_EQ(calls.total(), 3);

  ASSERT_EQ(postgres_script("down"), 0);
  for (int i = 0; i < 3; ++i) advance(60s, replicas);  // 00:04 to 00:06: no claim can be made
  EXPECT_EQ(calls.total(), 3) << "a tick ran while the database was down";
  ASSERT_EQ(postgres_script("up"), 0);

  // The replicas reconnect with backoff; ticks run again once they have.
  int before = calls.total();
  ASSERT_TRUE(wait_for(30s, [&] {
    advance(60s, replicas);
    return calls.total() > before;
  })) << "no tick ran after the server came back";
  int resumed = calls.total();
  for (int i = 0; i < 5; ++i) {
    std::this_thread::sleep_for(100ms);
    advance(60s, replicas);
  }
  EXPECT_EQ(calls.total(), resumed + 5) << "a tick after the recovery did not run once";

  for (const auto& [key, count] : calls.seen()) EXPECT_EQ(count, 1) << key;
  auto seen = calls.seen();
  for (const char* outage : {"each-minute@2026-03-01T00:04Z", "each-minute@2026-03-01T00:05Z"}) {
    EXPECT_FALSE(seen.contains(outage)) << outage << " ran";
    EXPECT_EQ(database->value(std::string("SELECT count(*) FROM cron.claims WHERE key = '") + outage + "'"), "0")
        << outage << " was claimed while the database was down";
  }
  EXPECT_EQ(database->value("SELECT count(*) FROM cron.executions WHERE outcome = 'running'"), "0");
}

TEST_F(ReplicasTest, ATakenOverTickRunsAgainUpToItsJobsRetriesNotTheRuntimesDefault) {
  // Options::retry allows 1 attempt, which a takeover raises to 2; the job declares 3 retries, so 4 attempts.
  static constexpr JobDefinition kRetried[] = {{.id = "retried",
                                                .title = "Retried",
                                                .schedule_text = "every:60",
                                                .schedule = Schedule::every_minutes(60).value(),
                                                .run = &count_call,
                                                .endpoint = "test::count_call",
                                                .retries = 3}};
  // A tick whose first two attempts' replicas died: attempt 2's claim is held by a lease that has expired.
  auto store = make_postgres_store(database->uri());
  Claim tick{"retried", "retried@2026-03-01T00:00Z", at("2026-03-01T00:00:00Z")};
  ASSERT_TRUE(store->claim(tick, ClaimPurpose::run, Lease{"dead-a#1", 0ms}));
  std::vector<std::string> jobs = {"retried"};
  ASSERT_EQ(store->take_over(jobs, Lease{"dead-b#1", 0ms}, 4).size(), 1u);

  Options options;
  options.clock = clock;
  options.store_instance = make_postgres_store(database->uri());
  options.replica = "replica-c";
  options.lease = 300ms;
  options.log = nullptr;
  Runtime replica(std::move(options), kRetried);
  replica.start();
  ASSERT_TRUE(wait_for(10s, [&] { return calls.total() == 1; })) << "the tick was not run again";
  replica.wait_until_recorded();
  EXPECT_EQ(database->query("SELECT attempt, outcome, replica FROM cron.executions WHERE key = '" + tick.key + "'"),
            (std::vector<std::vector<std::string>>{{"3", "succeeded", "replica-c"}}));
}

}  // namespace
}  // namespace cron

// The scheduler on a manual clock: every test sets the time by hand and waits for the runtime to settle; none
// sleeps.

#include <cron/runtime.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace cron {
namespace {

using namespace std::chrono_literals;
using std::chrono::sys_seconds;

sys_seconds at(std::string_view text) {
  sys_seconds time;
  EXPECT_TRUE(parse_utc(text, time)) << text;
  return time;
}

/// What the endpoints saw, shared by the plain function pointers a JobDefinition holds.
struct Calls {
  std::mutex mutex;
  std::vector<std::string> keys;
  std::atomic<int> failures_left{0};
  // An endpoint that blocks until released, to hold a run open across ticks.
  std::condition_variable released_signal;
  std::condition_variable entered_signal;
  bool blocking = false;
  bool released = false;
  bool entered = false;

  void reset() {
    std::lock_guard lock(mutex);
    keys.clear();
    failures_left = 0;
    blocking = released = entered = false;
  }
  std::vector<std::string> seen() {
    std::lock_guard lock(mutex);
    return keys;
  }
  void wait_until_entered() {
    std::unique_lock lock(mutex);
    entered_signal.wait(lock, [this] { return entered; });
  }
  void release() {
    std::lock_guard lock(mutex);
    released = true;
    released_signal.notify_all();
  }
};

Calls calls;

Status record_call() {
  auto context = current_execution();
  std::unique_lock lock(calls.mutex);
  calls.keys.push_back(context ? std::string(context->key) + "#" + std::to_string(context->attempt) : "no context");
  calls.entered = true;
  calls.entered_signal.notify_all();
  if (calls.blocking) calls.released_signal.wait(lock, [] { return calls.released; });
  if (calls.failures_left > 0) {
    --calls.failures_left;
    return Status::failure("the mail server said no");
  }
  return Status::success();
}

Status throw_error() { throw std::runtime_error("database is on fire"); }

constexpr JobDefinition kJobs[] = {
    {"every-two-hours", "Every two hours", "every:120", Schedule::every_minutes(120).value(), &record_call,
     "test::record_call"},
};
constexpr JobDefinition kThrowingJobs[] = {
    {"throws", "Throws", "every:60", Schedule::every_minutes(60).value(), &throw_error, "test::throw_error"},
};

class RuntimeTest : public testing::Test {
 protected:
  void SetUp() override { calls.reset(); }

  std::unique_ptr<Runtime> make_runtime(std::span<const JobDefinition> jobs, Options options = {},
                                        std::unique_ptr<Store> store = make_memory_store()) {
    options.clock = clock;
    options.store_instance = std::move(store);
    options.replica = "test-replica";
    return std::make_unique<Runtime>(std::move(options), jobs);
  }

  void advance_to(std::string_view time, Runtime& runtime) {
    clock->set(TimePoint(at(time)));
    runtime.wait_until_idle();
  }

  std::vector<std::string> outcomes(Runtime& runtime, std::string_view job) {
    std::vector<std::string> result;
    auto executions = runtime.history(job, 100);
    for (auto it = executions.rbegin(); it != executions.rend(); ++it)
      result.push_back(it->key + " " + std::string(to_string(it->outcome)) +
                       (it->message.empty() ? "" : ": " + it->message));
    return result;
  }

  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(TimePoint(at("2026-03-01T09:59:30Z")));
};

TEST_F(RuntimeTest, RunsEachTickOnceWithItsIdempotencyKey) {
  auto runtime = make_runtime(kJobs);
  runtime->start();
  advance_to("2026-03-01T10:00:00Z", *runtime);
  advance_to("2026-03-01T11:59:59Z", *runtime);
  advance_to("2026-03-01T12:00:00Z", *runtime);
  EXPECT_EQ(calls.seen(), (std::vector<std::string>{"every-two-hours@2026-03-01T10:00Z#1",
                                                    "every-two-hours@2026-03-01T12:00Z#1"}));
  EXPECT_EQ(outcomes(*runtime, "every-two-hours"),
            (std::vector<std::string>{"every-two-hours@2026-03-01T10:00Z succeeded",
                                      "every-two-hours@2026-03-01T12:00Z succeeded"}));
  EXPECT_EQ(runtime->history("every-two-hours", 1).front().replica, "test-replica");
}

TEST_F(RuntimeTest, RecordsAFailureWithItsMessageAndKeepsRunning) {
  calls.failures_left = 1;
  auto runtime = make_runtime(kJobs);
  runtime->start();
  advance_to("2026-03-01T10:00:00Z", *runtime);
  advance_to("2026-03-01T12:00:00Z", *runtime);
  EXPECT_EQ(outcomes(*runtime, "every-two-hours"),
            (std::vector<std::string>{"every-two-hours@2026-03-01T10:00Z failed: the mail server said no",
                                      "every-two-hours@2026-03-01T12:00Z succeeded"}));
}

TEST_F(RuntimeTest, AnExceptionIsAFailureWithItsText) {
  auto runtime = make_runtime(kThrowingJobs);
  runtime->start();
  advance_to("2026-03-01T10:00:00Z", *runtime);
  EXPECT_EQ(outcomes(*runtime, "throws"),
            (std::vector<std::string>{"throws@2026-03-01T10:00Z failed: database is on fire"}));
}

TEST_F(RuntimeTest, RetriesWithBackoffUnderTheSameKey) {
  calls.failures_left = 2;
  Options options;
  options.retry = {3, 10s, 2.0};
  auto runtime = make_runtime(kJobs, std::move(options));
  runtime->start();
  advance_to("2026-03-01T10:00:00Z", *runtime);
  advance_to("2026-03-01T10:00:09Z", *runtime);
  EXPECT_EQ(calls.seen().size(), 1u) << "retried before its backoff";
  advance_to("2026-03-01T10:00:10Z", *runtime);
  advance_to("2026-03-01T10:00:30Z", *runtime);
  EXPECT_EQ(calls.seen(), (std::vector<std::string>{"every-two-hours@2026-03-01T10:00Z#1",
                                                    "every-two-hours@2026-03-01T10:00Z#2",
                                                    "every-two-hours@2026-03-01T10:00Z#3"}));
  auto history = runtime->history("every-two-hours", 10);
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history.front().outcome, Outcome::succeeded);
  EXPECT_EQ(history.front().attempt, 3);
}

TEST_F(RuntimeTest, SkipsATickWhileThePreviousRunIsStillRunning) {
  calls.blocking = true;
  auto runtime = make_runtime(kJobs);
  runtime->start();
  clock->set(TimePoint(at("2026-03-01T10:00:00Z")));
  calls.wait_until_entered();
  clock->set(TimePoint(at("2026-03-01T12:00:00Z")));
  runtime->wait_until_ticks_handled();  // 12:00 is handled (skipped) while 10:00 still runs
  calls.release();
  runtime->wait_until_idle();
  EXPECT_EQ(outcomes(*runtime, "every-two-hours"),
            (std::vector<std::string>{
                "every-two-hours@2026-03-01T10:00Z succeeded",
                "every-two-hours@2026-03-01T12:00Z skipped: the previous run of this job was still running"}));
}

TEST_F(RuntimeTest, AForwardJumpRecordsTheMissedTicks) {
  auto runtime = make_runtime(kJobs);
  runtime->start();
  advance_to("2026-03-01T10:00:00Z", *runtime);
  advance_to("2026-03-01T15:00:00Z", *runtime);
  EXPECT_EQ(outcomes(*runtime, "every-two-hours"),
            (std::vector<std::string>{
                "every-two-hours@2026-03-01T10:00Z succeeded",
                "every-two-hours@2026-03-01T12:00Z missed: the tick passed while the scheduler was not running",
                "every-two-hours@2026-03-01T14:00Z missed: the tick passed while the scheduler was not running"}));
  advance_to("2026-03-01T16:00:00Z", *runtime);
  EXPECT_EQ(calls.seen().back(), "every-two-hours@2026-03-01T16:00Z#1");
}

TEST_F(RuntimeTest, CatchUpRunsTheLatestMissedTickOnce) {
  Options options;
  options.catch_up = CatchUp::run_latest;
  auto runtime = make_runtime(kJobs, std::move(options));
  runtime->start();
  advance_to("2026-03-01T10:00:00Z", *runtime);
  advance_to("2026-03-01T15:00:00Z", *runtime);
  EXPECT_EQ(outcomes(*runtime, "every-two-hours"),
            (std::vector<std::string>{
                "every-two-hours@2026-03-01T10:00Z succeeded",
                "every-two-hours@2026-03-01T12:00Z missed: the tick passed while the scheduler was not running",
                "every-two-hours@2026-03-01T14:00Z succeeded"}));
}

TEST_F(RuntimeTest, ABackwardJumpRunsNoTickTwice) {
  auto runtime = make_runtime(kJobs);
  runtime->start();
  advance_to("2026-03-01T10:00:00Z", *runtime);
  advance_to("2026-03-01T08:30:00Z", *runtime);
  advance_to("2026-03-01T10:00:00Z", *runtime);
  advance_to("2026-03-01T12:00:00Z", *runtime);
  EXPECT_EQ(calls.seen(), (std::vector<std::string>{"every-two-hours@2026-03-01T10:00Z#1",
                                                    "every-two-hours@2026-03-01T12:00Z#1"}));
}

TEST_F(RuntimeTest, ManualRunsHaveTheirOwnKeyAndWorkWhileDisabled) {
  Options options;
  options.disabled = true;
  auto runtime = make_runtime(kJobs, std::move(options));
  runtime->start();
  advance_to("2026-03-01T10:00:00Z", *runtime);
  EXPECT_TRUE(calls.seen().empty()) << "a disabled scheduler ran a tick";
  auto result = runtime->trigger("every-two-hours");
  EXPECT_EQ(result.status, TriggerResult::Status::started);
  EXPECT_EQ(result.key, "every-two-hours@manual-2026-03-01T10:00:00.000Z");
  runtime->wait_until_idle();
  EXPECT_EQ(calls.seen(), (std::vector<std::string>{"every-two-hours@manual-2026-03-01T10:00:00.000Z#1"}));
  EXPECT_EQ(runtime->history("every-two-hours", 1).front().trigger, Trigger::manual);
  EXPECT_EQ(runtime->trigger("no-such-job").status, TriggerResult::Status::unknown_job);
}

TEST_F(RuntimeTest, RefusesAManualRunWhileTheJobRuns) {
  calls.blocking = true;
  auto runtime = make_runtime(kJobs);
  runtime->start();
  ASSERT_EQ(runtime->trigger("every-two-hours").status, TriggerResult::Status::started);
  EXPECT_EQ(runtime->trigger("every-two-hours").status, TriggerResult::Status::already_running);
  calls.release();
  runtime->wait_until_idle();
}

TEST_F(RuntimeTest, StopReportsWhatIsStillRunningAtTheDeadline) {
  calls.blocking = true;
  auto runtime = make_runtime(kJobs);
  runtime->start();
  runtime->trigger("every-two-hours");
  calls.wait_until_entered();
  auto still_running = runtime->stop(0ms);
  EXPECT_EQ(still_running, (std::vector<std::string>{"every-two-hours"}));
  calls.release();
}

TEST_F(RuntimeTest, SnapshotShowsScheduleNextRunAndRecentExecutions) {
  auto runtime = make_runtime(kJobs);
  runtime->start();
  advance_to("2026-03-01T10:00:00Z", *runtime);
  auto jobs = runtime->snapshot();
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0].id, "every-two-hours");
  EXPECT_EQ(jobs[0].schedule, "every:120");
  EXPECT_EQ(jobs[0].description, "every 2 hours, starting at 00:00 UTC");
  EXPECT_EQ(jobs[0].next_run, at("2026-03-01T12:00:00Z"));
  ASSERT_EQ(jobs[0].recent.size(), 1u);
  EXPECT_EQ(jobs[0].recent[0].outcome, Outcome::succeeded);
}

class SqliteRuntimeTest : public RuntimeTest {
 protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    path = std::filesystem::temp_directory_path() /
           ("cronc-runtime-" + std::string(testing::UnitTest::GetInstance()->current_test_info()->name()) + ".db");
    std::filesystem::remove(path);
  }
  void TearDown() override {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  }
  std::filesystem::path path;
};

TEST_F(SqliteRuntimeTest, ARestartResumesFromTheLastRecordedTick) {
  {
    auto runtime = make_runtime(kJobs, {}, make_sqlite_store(path.string()));
    runtime->start();
    advance_to("2026-03-01T10:00:00Z", *runtime);
  }
  clock->set(TimePoint(at("2026-03-01T14:30:00Z")));  // down for four and a half hours
  auto runtime = make_runtime(kJobs, {}, make_sqlite_store(path.string()));
  runtime->start();
  runtime->wait_until_idle();
  advance_to("2026-03-01T16:00:00Z", *runtime);
  EXPECT_EQ(outcomes(*runtime, "every-two-hours"),
            (std::vector<std::string>{
                "every-two-hours@2026-03-01T10:00Z succeeded",
                "every-two-hours@2026-03-01T12:00Z missed: the tick passed while the scheduler was not running",
                "every-two-hours@2026-03-01T14:00Z missed: the tick passed while the scheduler was not running",
                "every-two-hours@2026-03-01T16:00Z succeeded"}));
}

TEST_F(SqliteRuntimeTest, ExecutionsLeftRunningByADeadProcessAreInterrupted) {
  {
    auto store = make_sqlite_store(path.string());
    Execution execution;
    execution.job_id = "every-two-hours";
    execution.key = "every-two-hours@2026-03-01T08:00Z";
    execution.scheduled = at("2026-03-01T08:00:00Z");
    store->insert(execution);  // the process dies here: the row stays `running`
  }
  auto runtime = make_runtime(kJobs, {}, make_sqlite_store(path.string()));
  runtime->start();
  runtime->wait_until_idle();
  auto history = runtime->history("every-two-hours", 10);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].outcome, Outcome::interrupted);
  EXPECT_EQ(history[0].message, "the process stopped while it ran");
}

TEST(Options, EnvironmentOverridesTheStoreAndDisables) {
  setenv("CRON_STORE", "memory:", 1);
  setenv("CRON_DISABLED", "1", 1);
  Options options = Options{}.with_environment();
  unsetenv("CRON_STORE");
  unsetenv("CRON_DISABLED");
  EXPECT_EQ(options.store, "memory:");
  EXPECT_TRUE(options.disabled);
}

TEST(Stores, AnUnknownSchemeIsAClearError) {
  EXPECT_THROW(open_store("redis://localhost"), std::invalid_argument);
  try {
    open_store("redis://localhost");
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(),
                 "unknown store 'redis://localhost'; use memory:, sqlite:PATH or postgresql://... (CRON_STORE or "
                 "cron::Options::store)");
  }
}

/// The claim the memory and SQLite stores make: once per key, whoever asks.
void expect_claimed_once(Store& store) {
  Claim tick{"report", "report@2026-03-01T10:00Z", at("2026-03-01T10:00:00Z")};
  Lease lease{"test#1", 30s};
  auto claim = store.claim(tick, ClaimPurpose::run, lease);
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->attempt, 1);
  EXPECT_FALSE(claim->busy);
  EXPECT_FALSE(store.claim(tick, ClaimPurpose::run, lease)) << "a tick was claimed twice";
  EXPECT_FALSE(store.claim(tick, ClaimPurpose::record, Lease{"other#2", 30s}));
  tick.key = "report@2026-03-01T11:00Z";
  EXPECT_TRUE(store.claim(tick, ClaimPurpose::record, lease));
  EXPECT_FALSE(store.shared());
}

TEST(Stores, TheMemoryStoreClaimsATickOnce) { expect_claimed_once(*make_memory_store()); }

TEST_F(SqliteRuntimeTest, TheSqliteStoreClaimsATickOnceAcrossReopening) {
  expect_claimed_once(*make_sqlite_store(path.string()));
  EXPECT_FALSE(make_sqlite_store(path.string())
                   ->claim({"report", "report@2026-03-01T10:00Z", at("2026-03-01T10:00:00Z")}, ClaimPurpose::run,
                           Lease{"test#2", 30s}));
}

}  // namespace
}  // namespace cron

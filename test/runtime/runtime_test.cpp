// The scheduler on a manual clock: every test sets the time by hand and waits for the runtime to settle; none
// sleeps.

#include "fault_store.hpp"
#include "runtime_outcomes.hpp"
#include "utc_time.hpp"

#include <cron/runtime.hpp>

#include <gtest/gtest.h>

#include <unistd.h>

#include <array>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace cron {
namespace {

using namespace std::chrono_literals;
using std::chrono::sys_seconds;
using test::outcomes;

constexpr auto at = test::utc;

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

TEST_F(RuntimeTest, AManualRunBeforeStartDoesNotKeepStartFromScheduling) {
  auto runtime = make_runtime(kJobs);
  ASSERT_EQ(runtime->trigger("every-two-hours").status, TriggerResult::Status::started);
  runtime->wait_until_idle();
  runtime->start();
  advance_to("2026-03-01T10:00:00Z", *runtime);
  EXPECT_EQ(calls.seen(), (std::vector<std::string>{"every-two-hours@manual-2026-03-01T09:59:30.000Z#1",
                                                    "every-two-hours@2026-03-01T10:00Z#1"}));
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

TEST_F(RuntimeTest, APausedJobsTicksAreNeitherRunNorRecordedAndResumingReplaysNone) {
  auto runtime = make_runtime(kJobs);
  runtime->start();
  advance_to("2026-03-01T10:00:00Z", *runtime);
  clock->set(TimePoint(at("2026-03-01T10:30:00Z")));
  ASSERT_EQ(runtime->pause("every-two-hours", "the mail server is down", "ops@example.com"), PauseResult::done);
  auto paused = runtime->snapshot(0).at(0).paused;
  ASSERT_TRUE(paused);
  EXPECT_EQ(paused->at, TimePoint(at("2026-03-01T10:30:00Z")));
  EXPECT_EQ(paused->by, "ops@example.com");
  EXPECT_EQ(paused->note, "the mail server is down");
  advance_to("2026-03-01T12:00:00Z", *runtime);
  advance_to("2026-03-01T14:00:00Z", *runtime);
  advance_to("2026-03-01T15:00:00Z", *runtime);
  ASSERT_EQ(runtime->resume("every-two-hours"), PauseResult::done);
  EXPECT_EQ(runtime->snapshot(0).at(0).paused, std::nullopt);
  runtime->wait_until_idle();
  EXPECT_EQ(calls.seen(), (std::vector<std::string>{"every-two-hours@2026-03-01T10:00Z#1"}))
      << "a paused tick ran, or resuming replayed one";
  advance_to("2026-03-01T16:00:00Z", *runtime);
  EXPECT_EQ(outcomes(*runtime, "every-two-hours"),
            (std::vector<std::string>{"every-two-hours@2026-03-01T10:00Z succeeded",
                                      "every-two-hours@2026-03-01T16:00Z succeeded"}));
}

TEST_F(RuntimeTest, AForwardJumpWhilePausedRecordsNoMissedTicks) {
  Options options;
  options.catch_up = CatchUp::run_latest;
  auto runtime = make_runtime(kJobs, std::move(options));
  runtime->start();
  runtime->pause("every-two-hours", "", "ops");
  advance_to("2026-03-01T18:30:00Z", *runtime);
  runtime->resume("every-two-hours");
  advance_to("2026-03-01T19:59:59Z", *runtime);
  EXPECT_TRUE(outcomes(*runtime, "every-two-hours").empty()) << "the pause's ticks were recorded or caught up on";
  advance_to("2026-03-01T20:00:00Z", *runtime);
  EXPECT_EQ(calls.seen(), (std::vector<std::string>{"every-two-hours@2026-03-01T20:00Z#1"}));
}

TEST_F(RuntimeTest, AManualRunWorksWhilePaused) {
  auto runtime = make_runtime(kJobs);
  runtime->start();
  runtime->pause("every-two-hours", "", "ops");
  auto result = runtime->trigger("every-two-hours");
  ASSERT_EQ(result.status, TriggerResult::Status::started);
  runtime->wait_until_idle();
  EXPECT_EQ(outcomes(*runtime, "every-two-hours"), (std::vector<std::string>{result.key + " succeeded"}));
}

TEST_F(RuntimeTest, PausingOrResumingAnUnknownJobSaysSo) {
  auto runtime = make_runtime(kJobs);
  EXPECT_EQ(runtime->pause("no-such-job", "", "ops"), PauseResult::unknown_job);
  EXPECT_EQ(runtime->resume("no-such-job"), PauseResult::unknown_job);
  EXPECT_EQ(runtime->resume("every-two-hours"), PauseResult::done) << "resuming a job that runs is a no-op";
}

TEST_F(RuntimeTest, AStoreThatCannotBeReadForThePausesKeepsTheLastKnownSetAndScheduling) {
  constexpr JobDefinition kTwoJobs[] = {
      kJobs[0],
      {"hourly", "Hourly", "every:60", Schedule::every_minutes(60).value(), &record_call, "test::record_call"},
  };
  auto faults = std::make_unique<test::FaultStore>(make_memory_store());
  test::FaultStore& store = *faults;
  Options options;
  options.log = nullptr;
  auto runtime = make_runtime(kTwoJobs, std::move(options), std::move(faults));
  runtime->start();
  runtime->pause("every-two-hours", "", "ops");
  store.fail(test::FaultStore::Call::pauses);
  store.resume("every-two-hours", TimePoint(at("2026-03-01T09:59:45Z")));  // as another replica would
  advance_to("2026-03-01T10:00:00Z", *runtime);
  EXPECT_EQ(calls.seen(), (std::vector<std::string>{"hourly@2026-03-01T10:00Z#1"}))
      << "the unreadable pauses stopped the other job or resumed the paused one";
  store.heal(test::FaultStore::Call::pauses);
  advance_to("2026-03-01T11:00:00Z", *runtime);
  advance_to("2026-03-01T12:00:00Z", *runtime);
  auto seen = calls.seen();
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()),
            (std::set<std::string>{"hourly@2026-03-01T10:00Z#1", "hourly@2026-03-01T11:00Z#1",
                                   "every-two-hours@2026-03-01T12:00Z#1", "hourly@2026-03-01T12:00Z#1"}));
  store.fail(test::FaultStore::Call::pause, 1, "database is locked");
  EXPECT_THROW(runtime->pause("hourly", "", "ops"), StoreError);
  EXPECT_EQ(runtime->snapshot(0).at(1).paused, std::nullopt) << "a pause the store refused shows as made";
}

/// Jobs for the concurrency test: each endpoint counts how many runs of its job are in flight.
struct InFlight {
  std::array<std::atomic<int>, 4> running{};
  std::atomic<int> overlaps{0};
  std::atomic<int> runs{0};
};
InFlight in_flight;

template <int Job>
Status count_in_flight() {
  if (++in_flight.running[Job] > 1) ++in_flight.overlaps;
  for (int i = 0; i < 100; ++i) std::this_thread::yield();
  ++in_flight.runs;
  --in_flight.running[Job];
  return Status::success();
}

constexpr JobDefinition kMinuteJobs[] = {
    {"minute-0", "Minute 0", "every:1", Schedule::every_minutes(1).value(), &count_in_flight<0>, "test::job0"},
    {"minute-1", "Minute 1", "every:1", Schedule::every_minutes(1).value(), &count_in_flight<1>, "test::job1"},
    {"minute-2", "Minute 2", "every:1", Schedule::every_minutes(1).value(), &count_in_flight<2>, "test::job2"},
    {"minute-3", "Minute 3", "every:1", Schedule::every_minutes(1).value(), &count_in_flight<3>, "test::job3"},
};

// For ThreadSanitizer (the `tsan` test) as much as for the assertions: ticks, manual runs, snapshots and history
// reads from several threads at once.
TEST_F(RuntimeTest, TicksManualRunsAndReadsFromSeveralThreadsNeverRunAJobTwiceAtOnce) {
  in_flight.overlaps = 0;
  in_flight.runs = 0;
  Options options;
  options.workers = 4;
  options.log = nullptr;
  auto runtime = make_runtime(kMinuteJobs, std::move(options));
  runtime->start();
  runtime->wait_until_idle();
  std::atomic<bool> done{false};
  std::atomic<int> manual_runs{0};
  std::vector<std::thread> users;
  auto give_up = std::chrono::steady_clock::now() + 10s;
  for (int user = 0; user < 2; ++user) {
    users.emplace_back([&, user] {
      // On until the clock has stopped and a manual run has started (a loaded machine may start them late).
      for (int round = 0; !done || (manual_runs == 0 && std::chrono::steady_clock::now() < give_up); ++round) {
        const JobDefinition& job = kMinuteJobs[(round + user) % std::size(kMinuteJobs)];
        if (runtime->trigger(job.id).status == TriggerResult::Status::started) ++manual_runs;
        for (const JobSnapshot& snapshot : runtime->snapshot(5)) EXPECT_EQ(snapshot.schedule, "every:1");
        runtime->history(job.id, 5);
      }
    });
  }
  constexpr int kMinutes = 30;
  for (int minute = 1; minute <= kMinutes; ++minute) {
    clock->set(TimePoint(at("2026-03-01T09:59:00Z")) + std::chrono::minutes(minute));
    runtime->wait_until_ticks_handled();
  }
  done = true;
  for (auto& user : users) user.join();
  runtime->wait_until_idle();

  EXPECT_EQ(in_flight.overlaps, 0) << "a job ran twice at once";
  int recorded_runs = 0;
  for (const JobDefinition& job : kMinuteJobs) {
    std::set<std::string> scheduled;
    for (const Execution& execution : runtime->history(job.id, 1000)) {
      EXPECT_NE(execution.outcome, Outcome::running) << execution.key;
      if (execution.outcome == Outcome::succeeded) ++recorded_runs;
      if (execution.trigger == Trigger::scheduled) {
        EXPECT_TRUE(scheduled.insert(execution.key).second) << execution.key;
      }
    }
    EXPECT_EQ(scheduled.size(), std::size_t{kMinutes}) << job.id << ": a tick was lost or recorded twice";
  }
  EXPECT_EQ(recorded_runs, in_flight.runs.load());
  EXPECT_GT(manual_runs, 0);
}

/// The runtime's log as the lines the default sink would write, with run durations zeroed: they are measured on
/// the steady clock, not the manual one.
struct CapturedLog {
  std::mutex mutex;
  std::vector<std::string> lines;

  LogSink sink() {
    return [this](const LogEvent& event) {
      LogEvent shown = event;
      if (shown.kind == LogEvent::Kind::finished) shown.duration = {};
      std::lock_guard lock(mutex);
      lines.push_back(format_log_line(shown));
    };
  }
  std::vector<std::string> seen() {
    std::lock_guard lock(mutex);
    return lines;
  }
};

TEST_F(RuntimeTest, LogsTheStartAndFinishOfEachRunThroughTheSink) {
  CapturedLog log;
  Options options;
  options.log = log.sink();
  auto runtime = make_runtime(kJobs, std::move(options));
  runtime->start();
  advance_to("2026-03-01T10:00:00Z", *runtime);
  runtime->trigger("every-two-hours");
  runtime->wait_until_idle();
  EXPECT_EQ(log.seen(), (std::vector<std::string>{
                            "cron: every-two-hours@2026-03-01T10:00Z attempt 1 started",
                            "cron: every-two-hours@2026-03-01T10:00Z attempt 1 succeeded in 0 ms",
                            "cron: every-two-hours@manual-2026-03-01T10:00:00.000Z attempt 1 started",
                            "cron: every-two-hours@manual-2026-03-01T10:00:00.000Z attempt 1 succeeded in 0 ms",
                        }));
}

TEST_F(RuntimeTest, LogsAFailureWithItsMessageAndTheRetry) {
  calls.failures_left = 1;
  CapturedLog log;
  Options options;
  options.retry = {2, 10s, 2.0};
  options.log = log.sink();
  auto runtime = make_runtime(kJobs, std::move(options));
  runtime->start();
  advance_to("2026-03-01T10:00:00Z", *runtime);
  advance_to("2026-03-01T10:00:10Z", *runtime);
  EXPECT_EQ(log.seen(), (std::vector<std::string>{
                            "cron: every-two-hours@2026-03-01T10:00Z attempt 1 started",
                            "cron: every-two-hours@2026-03-01T10:00Z attempt 1 failed in 0 ms: the mail server said no",
                            "cron: every-two-hours@2026-03-01T10:00Z retrying as attempt 2 in 10000 ms",
                            "cron: every-two-hours@2026-03-01T10:00Z attempt 2 started",
                            "cron: every-two-hours@2026-03-01T10:00Z attempt 2 succeeded in 0 ms",
                        }));
}

TEST_F(RuntimeTest, LogsSkippedAndMissedTicks) {
  calls.blocking = true;
  CapturedLog log;
  Options options;
  options.log = log.sink();
  auto runtime = make_runtime(kJobs, std::move(options));
  runtime->start();
  clock->set(TimePoint(at("2026-03-01T10:00:00Z")));
  calls.wait_until_entered();
  clock->set(TimePoint(at("2026-03-01T12:00:00Z")));
  runtime->wait_until_ticks_handled();
  calls.release();
  runtime->wait_until_idle();
  advance_to("2026-03-01T17:00:00Z", *runtime);
  EXPECT_EQ(log.seen(),
            (std::vector<std::string>{
                "cron: every-two-hours@2026-03-01T10:00Z attempt 1 started",
                "cron: every-two-hours@2026-03-01T12:00Z skipped: the previous run of this job was still running",
                "cron: every-two-hours@2026-03-01T10:00Z attempt 1 succeeded in 0 ms",
                "cron: every-two-hours@2026-03-01T14:00Z missed: the tick passed while the scheduler was not running",
                "cron: every-two-hours@2026-03-01T16:00Z missed: the tick passed while the scheduler was not running",
            }));
}

TEST_F(RuntimeTest, ABackfillRunsTheWindowsTicksOldestFirstOneAtATimeWithTheirKeys) {
  auto runtime = make_runtime(kJobs);
  runtime->start();
  advance_to("2026-03-01T10:00:00Z", *runtime);
  calls.reset();
  calls.blocking = true;
  BackfillResult result = runtime->backfill("every-two-hours", at("2026-03-01T05:00:00Z"), at("2026-03-01T10:00:00Z"));
  EXPECT_EQ(result.status, BackfillResult::Status::accepted);
  EXPECT_EQ(result.ticks, 3u) << "06:00, 08:00 and 10:00";
  calls.wait_until_entered();
  EXPECT_EQ(calls.seen(), (std::vector<std::string>{"every-two-hours@2026-03-01T06:00Z#1"}))
      << "the next tick started before the previous one finished";
  calls.release();
  runtime->wait_until_idle();
  runtime->wait_until_recorded();
  EXPECT_EQ(calls.seen(), (std::vector<std::string>{"every-two-hours@2026-03-01T06:00Z#1",
                                                    "every-two-hours@2026-03-01T08:00Z#1"}))
      << "10:00 ran already: its key was claimed, so it does not run again";
  auto history = runtime->history("every-two-hours", 10);
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].key, "every-two-hours@2026-03-01T08:00Z");
  EXPECT_EQ(history[0].trigger, Trigger::backfill);
  EXPECT_EQ(history[0].scheduled, at("2026-03-01T08:00:00Z"));
  EXPECT_EQ(history[1].trigger, Trigger::backfill);
  EXPECT_EQ(history[2].trigger, Trigger::scheduled);

  calls.reset();
  EXPECT_EQ(runtime->backfill("every-two-hours", at("2026-03-01T06:00:00Z"), at("2026-03-01T08:00:00Z")).ticks, 2u);
  runtime->wait_until_idle();
  EXPECT_TRUE(calls.seen().empty()) << "a second backfill of the window ran its ticks again";
  advance_to("2026-03-01T12:00:00Z", *runtime);
  EXPECT_EQ(calls.seen(), (std::vector<std::string>{"every-two-hours@2026-03-01T12:00Z#1"}))
      << "the schedule goes on from its own last tick";
}

TEST_F(RuntimeTest, ABackfillRefusesAnUnknownJobAndABadWindow) {
  auto runtime = make_runtime(kJobs);
  runtime->start();
  EXPECT_EQ(runtime->backfill("no-such-job", at("2026-03-01T00:00:00Z"), at("2026-03-01T02:00:00Z")).status,
            BackfillResult::Status::unknown_job);
  BackfillResult future = runtime->backfill("every-two-hours", at("2026-03-01T08:00:00Z"), at("2026-03-01T12:00:00Z"));
  EXPECT_EQ(future.status, BackfillResult::Status::refused);
  EXPECT_EQ(future.error, "to (2026-03-01T12:00:00Z) is in the future; the scheduler runs the ticks from now on "
                          "(2026-03-01T09:59:30Z)");
  BackfillResult wide = runtime->backfill("every-two-hours", at("2025-01-01T00:00:00Z"), at("2026-03-01T00:00:00Z"));
  EXPECT_EQ(wide.status, BackfillResult::Status::refused);
  EXPECT_EQ(wide.ticks, 0u);
  runtime->wait_until_idle();
  EXPECT_TRUE(calls.seen().empty());
  runtime->stop(1s);
  EXPECT_EQ(runtime->backfill("every-two-hours", at("2026-03-01T06:00:00Z"), at("2026-03-01T08:00:00Z")).status,
            BackfillResult::Status::unavailable);
}

TEST(Options, TheEnvironmentSetsRetentionAndABadValueIsOneLineAtConstruction) {
  setenv("CRON_HISTORY_KEEP", "50", 1);
  setenv("CRON_HISTORY_MAX_AGE", "7d", 1);
  Options options = Options{}.with_environment();
  EXPECT_EQ(options.history.keep_per_job, 50u);
  EXPECT_EQ(options.history.max_age, std::chrono::days(7));
  EXPECT_EQ(options.environment_error, "");
  setenv("CRON_HISTORY_MAX_AGE", "a month", 1);
  Options bad = Options{}.with_environment();
  unsetenv("CRON_HISTORY_KEEP");
  unsetenv("CRON_HISTORY_MAX_AGE");
  EXPECT_EQ(bad.history.max_age, std::chrono::days(30)) << "a refused value changes nothing";
  bad.store_instance = make_memory_store();
  try {
    Runtime runtime(std::move(bad), kJobs);
    ADD_FAILURE() << "a bad CRON_HISTORY_MAX_AGE was accepted";
  } catch (const SetupError& error) {
    EXPECT_STREQ(error.what(),
                 "CRON_HISTORY_MAX_AGE='a month' is not an age of at least a minute (such as 30d, 12h, 90m or 1d12h)");
  }
}

/// A memory store that fails every call while `failing` is set, as a full disk or a lost connection would.
class FlakyStore final : public Store {
 public:
  std::atomic<bool> failing{false};

  void insert(Execution& execution) override { check(), inner_->insert(execution); }
  void finish(const Execution& execution) override { check(), inner_->finish(execution); }
  std::optional<sys_seconds> last_tick(std::string_view job_id) override { return check(), inner_->last_tick(job_id); }
  std::vector<Execution> history(std::string_view job_id, std::size_t limit, std::int64_t before_id) override {
    return check(), inner_->history(job_id, limit, before_id);
  }
  std::size_t mark_interrupted() override { return check(), inner_->mark_interrupted(); }
  std::optional<Claim> claim(const Claim& tick, ClaimPurpose purpose, const Lease& lease) override {
    return check(), inner_->claim(tick, purpose, lease);
  }
  std::vector<Claim> unrecorded_claims(const Lease& lease) override {
    return check(), inner_->unrecorded_claims(lease);
  }
  void pause(std::string_view job_id, const Pause& pause) override { check(), inner_->pause(job_id, pause); }
  bool resume(std::string_view job_id, TimePoint at) override { return check(), inner_->resume(job_id, at); }
  std::vector<PauseRecord> pauses() override { return check(), inner_->pauses(); }
  std::size_t count(std::string_view job_id, std::span<const Outcome> outcomes, TimePoint since) override {
    return check(), inner_->count(job_id, outcomes, since);
  }
  /// Never fails: the pruner's own failures are FaultStore's (pruner_test.cpp), and its pass at start would race
  /// the log lines these tests expect.
  Pruned prune(std::string_view job_id, const PruneLimits& limits, const Lease& lease) override {
    return inner_->prune(job_id, limits, lease);
  }

 private:
  void check() const {
    if (failing) throw std::runtime_error("disk is full");
  }
  std::unique_ptr<Store> inner_ = make_memory_store();
};

TEST_F(RuntimeTest, LogsAStoreErrorAndTheStoreAnsweringAgain) {
  auto store = std::make_unique<FlakyStore>();
  FlakyStore& flaky = *store;
  CapturedLog log;
  Options options;
  options.log = log.sink();
  auto runtime = make_runtime(kJobs, std::move(options), std::move(store));
  runtime->start();
  flaky.failing = true;
  advance_to("2026-03-01T10:00:00Z", *runtime);  // the claim fails: tried again a second later
  flaky.failing = false;
  advance_to("2026-03-01T10:00:01Z", *runtime);
  EXPECT_EQ(log.seen(), (std::vector<std::string>{
                            "cron: store error: disk is full",  // the pass's read of the paused jobs
                            "cron: every-two-hours@2026-03-01T10:00Z store error: disk is full",
                            "cron: the store answers again",
                            "cron: every-two-hours@2026-03-01T10:00Z attempt 1 started",
                            "cron: every-two-hours@2026-03-01T10:00Z attempt 1 succeeded in 0 ms",
                        }));
  EXPECT_EQ(outcomes(*runtime, "every-two-hours"),
            (std::vector<std::string>{"every-two-hours@2026-03-01T10:00Z succeeded"}));
}

TEST(LogLine, SaysWhatHappenedToWhichTickInOneLine) {
  EXPECT_EQ(format_log_line({.kind = LogEvent::Kind::finished,
                             .job_id = "welcome-email",
                             .key = "welcome-email@2026-03-01T10:00Z",
                             .attempt = 1,
                             .outcome = Outcome::succeeded,
                             .duration = 12ms}),
            "cron: welcome-email@2026-03-01T10:00Z attempt 1 succeeded in 12 ms");
  EXPECT_EQ(format_log_line({.kind = LogEvent::Kind::finished,
                             .job_id = "welcome-email",
                             .key = "welcome-email@2026-03-01T10:00Z",
                             .attempt = 2,
                             .outcome = Outcome::timed_out,
                             .duration = 1500ms,
                             .message = "ran 1500 ms, past its deadline of 1000 ms"}),
            "cron: welcome-email@2026-03-01T10:00Z attempt 2 timed_out in 1500 ms: ran 1500 ms, past its deadline of "
            "1000 ms");
  EXPECT_EQ(format_log_line({.kind = LogEvent::Kind::store_error, .message = "sqlite: disk I/O error"}),
            "cron: store error: sqlite: disk I/O error");
  EXPECT_EQ(to_string(LogEvent::Kind::store_recovered), "store_recovered");
  EXPECT_EQ(to_string(LogEvent::Kind::taken_over), "taken_over");
}

class SqliteRuntimeTest : public RuntimeTest {
 protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    path = std::filesystem::temp_directory_path() /
           ("cronc-runtime-" + std::string(testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" +
            std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path);
  }
  void TearDown() override {
    for (const char* suffix : {"", "-wal", "-shm", ".lock"}) std::filesystem::remove(path.string() + suffix);
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

TEST_F(SqliteRuntimeTest, ARestartWhilePausedRunsAndRecordsNoneOfThePausesTicks) {
  Options options;
  options.catch_up = CatchUp::run_latest;
  {
    auto runtime = make_runtime(kJobs, {}, make_sqlite_store(path.string()));
    runtime->start();
    advance_to("2026-03-01T10:00:00Z", *runtime);
    runtime->pause("every-two-hours", "until the migration is done", "ops");
  }
  clock->set(TimePoint(at("2026-03-01T14:30:00Z")));
  auto runtime = make_runtime(kJobs, std::move(options), make_sqlite_store(path.string()));
  runtime->start();
  runtime->wait_until_idle();
  auto paused = runtime->snapshot(0).at(0).paused;
  ASSERT_TRUE(paused) << "the pause did not survive the restart";
  EXPECT_EQ(paused->note, "until the migration is done");
  advance_to("2026-03-01T16:00:00Z", *runtime);
  EXPECT_EQ(outcomes(*runtime, "every-two-hours"),
            (std::vector<std::string>{"every-two-hours@2026-03-01T10:00Z succeeded"}));
}

TEST_F(SqliteRuntimeTest, ARestartAfterAResumeDoesNotCatchUpOnThePausesTicks) {
  Options options;
  options.catch_up = CatchUp::run_latest;
  {
    auto runtime = make_runtime(kJobs, {}, make_sqlite_store(path.string()));
    runtime->start();
    advance_to("2026-03-01T10:00:00Z", *runtime);
    runtime->pause("every-two-hours", "", "ops");
    advance_to("2026-03-01T12:00:00Z", *runtime);
    clock->set(TimePoint(at("2026-03-01T13:00:00Z")));
    runtime->resume("every-two-hours");
  }
  clock->set(TimePoint(at("2026-03-01T13:30:00Z")));
  auto runtime = make_runtime(kJobs, std::move(options), make_sqlite_store(path.string()));
  runtime->start();
  runtime->wait_until_idle();
  EXPECT_EQ(calls.seen(), (std::vector<std::string>{"every-two-hours@2026-03-01T10:00Z#1"}))
      << "the restart caught up on the 12:00 tick the pause left out";
  advance_to("2026-03-01T14:00:00Z", *runtime);
  EXPECT_EQ(outcomes(*runtime, "every-two-hours"),
            (std::vector<std::string>{"every-two-hours@2026-03-01T10:00Z succeeded",
                                      "every-two-hours@2026-03-01T14:00Z succeeded"}));
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
  CapturedLog log;
  Options options;
  options.log = log.sink();
  auto runtime = make_runtime(kJobs, std::move(options), make_sqlite_store(path.string()));
  runtime->start();
  runtime->wait_until_idle();
  auto history = runtime->history("every-two-hours", 10);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].outcome, Outcome::interrupted);
  EXPECT_EQ(history[0].message, "the process stopped while it ran");
  EXPECT_EQ(log.seen(),
            (std::vector<std::string>{"cron: interrupted: 1 execution(s) left running by a stopped process"}));
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
  EXPECT_THROW(open_store("redis://localhost"), StoreError);
  try {
    open_store("redis://localhost");
  } catch (const StoreError& error) {
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

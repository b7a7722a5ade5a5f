// The per-job policies at run time (docs/policies.md), on a manual clock: overlap, retries, timeout, cancel, stop
// and jitter. Endpoints block on a gate the test opens, and either watch their stop token or ignore it.

#include "fault_store.hpp"
#include "runtime_outcomes.hpp"
#include "scheduler/jitter.hpp"
#include "utc_time.hpp"

#include <cron/runtime.hpp>

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <vector>

namespace cron {
namespace {

using namespace std::chrono_literals;
using test::outcomes;

constexpr auto at = test::utc;

/// Holds each endpoint call until the test opens it; a cooperative call also returns once stop is requested.
struct Gate {
  std::mutex mutex;
  std::condition_variable changed;
  bool open = false;
  int entered = 0;
  int failures_left = 0;
  std::vector<std::string> keys;

  void reset() {
    std::lock_guard lock(mutex);
    open = false;
    entered = failures_left = 0;
    keys.clear();
  }
  void wait_until_entered(int count) {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return entered >= count; });
  }
  std::vector<std::string> seen() {
    std::lock_guard lock(mutex);
    return keys;
  }
  int count() {
    std::lock_guard lock(mutex);
    return entered;
  }
  void release() {
    std::lock_guard lock(mutex);
    open = true;
    changed.notify_all();
  }
  Status call(bool cooperative) {
    auto context = current_execution();
    // Made before the lock: it runs at once, on this thread, when stop was already requested.
    std::stop_callback wake(context->stop_token, [this] {
      std::lock_guard inner(mutex);
      changed.notify_all();
    });
    std::unique_lock lock(mutex);
    keys.push_back(std::string(context->key) + "#" + std::to_string(context->attempt));
    ++entered;
    changed.notify_all();
    changed.wait(lock, [&] { return open || (cooperative && context->stop_requested()); });
    if (cooperative && context->stop_requested()) return Status::failure("stopped early");
    if (failures_left > 0) {
      --failures_left;
      return Status::failure("not yet");
    }
    return Status::success();
  }
};

Gate gate;

Status cooperative() { return gate.call(true); }
Status ignores_stop() { return gate.call(false); }

constexpr Schedule kHourly = Schedule::every_minutes(60).value();

class JobPolicies : public testing::Test {
 protected:
  void SetUp() override { gate.reset(); }

  std::unique_ptr<Runtime> make_runtime(std::span<const JobDefinition> jobs, Options options = {},
                                        std::unique_ptr<Store> store = make_memory_store()) {
    options.clock = clock;
    options.store_instance = std::move(store);
    options.replica = "test-replica";
    options.log = [this](const LogEvent& event) {
      std::lock_guard lock(log_mutex);
      if (event.kind == LogEvent::Kind::stop_requested || event.kind == LogEvent::Kind::stuck)
        stop_lines.push_back(format_log_line(event));
    };
    return std::make_unique<Runtime>(std::move(options), jobs);
  }

  /// A runtime of `job` alone, started, whose 10:00 tick has entered its endpoint.
  std::unique_ptr<Runtime> run_first_tick(const JobDefinition& job, Options options = {},
                                          std::unique_ptr<Store> store = make_memory_store()) {
    auto runtime = make_runtime({&job, 1}, std::move(options), std::move(store));
    runtime->start();
    advance_to("2026-03-01T10:00:00Z", *runtime);
    gate.wait_until_entered(1);
    return runtime;
  }

  void advance_to(std::string_view time, Runtime& runtime) {
    clock->set(TimePoint(at(time)));
    runtime.wait_until_ticks_handled();
  }

  std::vector<std::string> stops() {
    std::lock_guard lock(log_mutex);
    return stop_lines;
  }

  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(TimePoint(at("2026-03-01T09:59:30Z")));
  std::mutex log_mutex;
  std::vector<std::string> stop_lines;
};

JobDefinition hourly(Status (*run)()) { return {"hourly", "Hourly", "every:60", kHourly, run, "test::run"}; }

TEST_F(JobPolicies, QueueOneRunsOneWaitingTickWhenTheRunEndsAndSkipsTheRest) {
  JobDefinition job = hourly(&ignores_stop);
  job.overlap = Overlap::queue_one;
  auto runtime = run_first_tick(job);
  advance_to("2026-03-01T11:00:00Z", *runtime);  // waits
  advance_to("2026-03-01T12:00:00Z", *runtime);  // one already waits: skipped
  EXPECT_EQ(gate.count(), 1);
  gate.release();
  runtime->wait_until_idle();
  EXPECT_EQ(outcomes(*runtime, "hourly"),
            (std::vector<std::string>{"hourly@2026-03-01T10:00Z succeeded",
                                      "hourly@2026-03-01T12:00Z skipped: the previous run of this job was still running",
                                      "hourly@2026-03-01T11:00Z succeeded"}));
}

TEST_F(JobPolicies, AllowRunsTicksSideBySide) {
  JobDefinition job = hourly(&ignores_stop);
  job.overlap = Overlap::allow;
  auto runtime = run_first_tick(job);
  advance_to("2026-03-01T11:00:00Z", *runtime);
  gate.wait_until_entered(2);  // both run at once
  gate.release();
  runtime->wait_until_idle();
  EXPECT_EQ(outcomes(*runtime, "hourly"), (std::vector<std::string>{"hourly@2026-03-01T10:00Z succeeded",
                                                                    "hourly@2026-03-01T11:00Z succeeded"}));
}

TEST_F(JobPolicies, SkipIsTheDefault) {
  JobDefinition job = hourly(&ignores_stop);
  auto runtime = run_first_tick(job);
  advance_to("2026-03-01T11:00:00Z", *runtime);
  gate.release();
  runtime->wait_until_idle();
  EXPECT_EQ(outcomes(*runtime, "hourly"),
            (std::vector<std::string>{
                "hourly@2026-03-01T10:00Z succeeded",
                "hourly@2026-03-01T11:00Z skipped: the previous run of this job was still running"}));
  EXPECT_EQ(gate.count(), 1);
}

TEST_F(JobPolicies, CancelRunningStopsTheRunAndStartsTheNewTickWhenItReturns) {
  JobDefinition job = hourly(&cooperative);
  job.overlap = Overlap::cancel_running;
  auto runtime = run_first_tick(job);
  advance_to("2026-03-01T11:00:00Z", *runtime);
  gate.wait_until_entered(2);  // 10:00 saw the stop and returned, so 11:00 started
  gate.release();
  runtime->wait_until_idle();
  EXPECT_EQ(outcomes(*runtime, "hourly"),
            (std::vector<std::string>{
                "hourly@2026-03-01T10:00Z cancelled: stop requested by a cancel; it returned: stopped early",
                "hourly@2026-03-01T11:00Z succeeded"}));
}

TEST_F(JobPolicies, RetriesComeFromTheJobWithTheSameKey) {
  JobDefinition job = hourly(&ignores_stop);
  job.retries = 2;
  gate.failures_left = 2;
  gate.release();
  Options options;
  options.retry = {1, 10s, 2.0};  // no retries for jobs that declare none
  auto runtime = make_runtime({&job, 1}, std::move(options));
  runtime->start();
  advance_to("2026-03-01T10:00:00Z", *runtime);
  runtime->wait_until_idle();
  advance_to("2026-03-01T10:00:10Z", *runtime);
  runtime->wait_until_idle();
  advance_to("2026-03-01T10:00:30Z", *runtime);
  runtime->wait_until_idle();
  EXPECT_EQ(gate.seen(), (std::vector<std::string>{"hourly@2026-03-01T10:00Z#1", "hourly@2026-03-01T10:00Z#2",
                                                 "hourly@2026-03-01T10:00Z#3"}));
  EXPECT_EQ(runtime->history("hourly", 1).front().outcome, Outcome::succeeded);
}

TEST_F(JobPolicies, ATimeoutRequestsStopAndACooperativeRunEndsTimedOut) {
  JobDefinition job = hourly(&cooperative);
  job.timeout = 30s;
  auto runtime = run_first_tick(job);
  advance_to("2026-03-01T10:00:29Z", *runtime);
  EXPECT_TRUE(runtime->snapshot(0).front().running) << "stopped before its timeout";
  advance_to("2026-03-01T10:00:30Z", *runtime);
  runtime->wait_until_idle();
  EXPECT_EQ(outcomes(*runtime, "hourly"),
            (std::vector<std::string>{"hourly@2026-03-01T10:00Z timed_out: stop requested after its timeout of "
                                      "30000 ms; it returned: stopped early"}));
}

TEST_F(JobPolicies, ARunThatIgnoresTheTokenCountsAsRunningUntilItReturns) {
  JobDefinition job = hourly(&ignores_stop);
  job.timeout = 30s;
  auto runtime = run_first_tick(job);
  advance_to("2026-03-01T10:00:30Z", *runtime);
  EXPECT_EQ(stops(), (std::vector<std::string>{"cron: hourly@2026-03-01T10:00Z stop requested (timed_out); "
                                               "it counts as running until the endpoint returns"}));
  EXPECT_TRUE(runtime->snapshot(0).front().running);
  EXPECT_EQ(runtime->snapshot(0).front().stuck, 0u) << "stuck before kStuckAfter passed";
  advance_to("2026-03-01T10:01:00Z", *runtime);
  EXPECT_EQ(runtime->snapshot(0).front().stuck, 1u);
  EXPECT_EQ(stops().back(), "cron: hourly@2026-03-01T10:00Z stuck: still running 30000 ms after stop was requested "
                            "(timed_out); the endpoint ignores its stop token and is recorded when it returns");
  gate.release();
  runtime->wait_until_idle();
  EXPECT_EQ(runtime->snapshot(0).front().stuck, 0u);
  EXPECT_EQ(outcomes(*runtime, "hourly"),
            (std::vector<std::string>{"hourly@2026-03-01T10:00Z timed_out: stop requested after its timeout of "
                                      "30000 ms; it returned success"}));
}

TEST_F(JobPolicies, ALostLeaseRequestsStopAndTheRunEndsCancelled) {
  JobDefinition job = hourly(&cooperative);
  auto store = std::make_unique<test::FaultStore>(make_memory_store());
  store->lose_every_lease();
  Options options;
  options.lease = 300ms;  // renewed every 100 ms of real time: the first renewal says the lease is lost
  auto runtime = run_first_tick(job, std::move(options), std::move(store));
  runtime->wait_until_idle();
  EXPECT_EQ(stops(), (std::vector<std::string>{"cron: hourly@2026-03-01T10:00Z stop requested (cancelled); "
                                               "it counts as running until the endpoint returns"}));
  auto recorded = outcomes(*runtime, "hourly");
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_TRUE(recorded[0].starts_with("hourly@2026-03-01T10:00Z cancelled")) << recorded[0];
}

TEST_F(JobPolicies, ACooperativeRunThatStopsInTimeIsNeverStuck) {
  JobDefinition job = hourly(&cooperative);
  job.timeout = 30s;
  auto runtime = run_first_tick(job);
  advance_to("2026-03-01T10:00:30Z", *runtime);
  runtime->wait_until_idle();
  advance_to("2026-03-01T10:01:00Z", *runtime);
  EXPECT_EQ(stops().size(), 1u) << "a stuck line for a run that returned";
  EXPECT_EQ(runtime->snapshot(0).front().stuck, 0u);
}

TEST_F(JobPolicies, CancelStopsTheRunningAttemptAnd409sWhenNoneRuns) {
  JobDefinition job = hourly(&cooperative);
  auto runtime = make_runtime({&job, 1});
  runtime->start();
  EXPECT_EQ(runtime->cancel("hourly"), CancelResult::not_running);
  EXPECT_EQ(runtime->cancel("nope"), CancelResult::unknown_job);
  advance_to("2026-03-01T10:00:00Z", *runtime);
  gate.wait_until_entered(1);
  EXPECT_EQ(runtime->cancel("hourly"), CancelResult::requested);
  runtime->wait_until_idle();
  EXPECT_EQ(outcomes(*runtime, "hourly"),
            (std::vector<std::string>{
                "hourly@2026-03-01T10:00Z cancelled: stop requested by a cancel; it returned: stopped early"}));
  EXPECT_EQ(runtime->cancel("hourly"), CancelResult::not_running);
}

TEST_F(JobPolicies, ACancelledRunThatIgnoresTheTokenIsRecordedWhenItReturns) {
  JobDefinition job = hourly(&ignores_stop);
  auto runtime = run_first_tick(job);
  EXPECT_EQ(runtime->cancel("hourly"), CancelResult::requested);
  EXPECT_TRUE(runtime->snapshot(0).front().running);
  gate.release();
  runtime->wait_until_idle();
  EXPECT_EQ(outcomes(*runtime, "hourly"),
            (std::vector<std::string>{"hourly@2026-03-01T10:00Z cancelled: stop requested by a cancel; it returned "
                                      "success"}));
}

TEST_F(JobPolicies, StopDuringARunRequestsStopAndWaitsForACooperativeEndpoint) {
  JobDefinition job = hourly(&cooperative);
  auto runtime = run_first_tick(job);
  EXPECT_EQ(runtime->stop(std::chrono::milliseconds::max()), std::vector<std::string>{});
  runtime->wait_until_recorded();
  EXPECT_EQ(outcomes(*runtime, "hourly"),
            (std::vector<std::string>{"hourly@2026-03-01T10:00Z failed: stopped early"}));
}

TEST_F(JobPolicies, JitterStartsEachTickLateByItsStableDelayUnderTheTicksKey) {
  JobDefinition job = hourly(&ignores_stop);
  job.jitter = 600s;
  gate.release();
  auto delay = scheduler::jitter_delay("hourly", at("2026-03-01T10:00:00Z"), 600s);
  ASSERT_GT(delay, 0s) << "pick a tick whose delay is not zero";
  auto runtime = make_runtime({&job, 1});
  runtime->start();
  clock->set(TimePoint(at("2026-03-01T10:00:00Z") + delay - 1s));
  runtime->wait_until_idle();
  EXPECT_TRUE(gate.seen().empty()) << "started before its delay";
  clock->set(TimePoint(at("2026-03-01T10:00:00Z") + delay));
  runtime->wait_until_idle();
  EXPECT_EQ(gate.seen(), (std::vector<std::string>{"hourly@2026-03-01T10:00Z#1"}));
  EXPECT_EQ(outcomes(*runtime, "hourly"), (std::vector<std::string>{"hourly@2026-03-01T10:00Z succeeded"}));
  EXPECT_EQ(scheduler::jitter_delay("hourly", at("2026-03-01T10:00:00Z"), 600s), delay) << "stable";
}

}  // namespace
}  // namespace cron

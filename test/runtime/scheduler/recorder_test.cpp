// The recorder on its own, against a store that fails or holds writes on command: the order of its writes and
// what it logs at exit do not depend on when an outcome arrives relative to a write in flight.

#include "scheduler/recorder.hpp"

#include "fault_store.hpp"
#include "utc_time.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

namespace cron::scheduler {
namespace {

using test::FaultStore;
using Call = FaultStore::Call;

constexpr auto at = test::utc;

Execution running(std::string job_id) {
  Execution execution;
  execution.key = idempotency_key(job_id, at("2026-03-01T10:00:00Z"));
  execution.job_id = std::move(job_id);
  execution.scheduled = at("2026-03-01T10:00:00Z");
  execution.started = TimePoint(at("2026-03-01T10:00:00Z"));
  return execution;
}

Execution succeeded(std::string job_id) {
  Execution execution = running(std::move(job_id));
  execution.outcome = Outcome::succeeded;
  execution.finished = execution.started;
  return execution;
}

class RecorderTest : public testing::Test {
 protected:
  /// Waits until the recorder has tried `writes` writes (taken or refused).
  void wait_for_writes(int writes) {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return tried >= writes; });
  }

  FaultStore faults{make_memory_store()};
  Lease lease{"test#1"};
  std::mutex mutex;
  std::condition_variable changed;
  int tried = 0;
  std::vector<std::string> lines;
  Events events{[this](const LogEvent& event) {
    std::lock_guard lock(mutex);
    if (event.kind == LogEvent::Kind::unrecorded) lines.push_back(format_log_line(event));
  }};
  Recorder recorder{faults, lease, events,
                    [this] {
                      std::lock_guard lock(mutex);
                      ++tried;
                      changed.notify_all();
                    },
                    nullptr};
};

TEST_F(RecorderTest, AnOutcomeThatArrivesWhileItsRunningRowIsRefusedReplacesIt) {
  faults.fail(Call::insert);
  faults.block(Call::insert);
  Recorder::Slot slot = recorder.begin(running("report"));
  faults.wait_until_blocked(Call::insert);  // the running row is being written
  recorder.finish(slot, succeeded("report"));
  faults.release(Call::insert);
  wait_for_writes(1);  // ...and refused
  recorder.stop();
  EXPECT_EQ(lines, (std::vector<std::string>{"cron: report@2026-03-01T10:00Z not recorded: the store did not take it "
                                             "before the process stopped: attempt 1 succeeded"}));
}

TEST_F(RecorderTest, AnOutcomeThatArrivesWhileItsRunningRowIsRefusedIsWrittenAsOneRow) {
  faults.fail(Call::insert, 1);
  faults.block(Call::insert);
  Recorder::Slot slot = recorder.begin(running("report"));
  faults.wait_until_blocked(Call::insert);
  recorder.finish(slot, succeeded("report"));
  faults.release(Call::insert);
  recorder.wait_until_drained();
  std::vector<Execution> rows = faults.history("report", 10, 0);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].outcome, Outcome::succeeded);
  EXPECT_EQ(faults.calls(Call::finish), 0) << "the outcome updated a row that was never written";
  EXPECT_TRUE(lines.empty());
}

TEST_F(RecorderTest, AnOutcomeAfterItsRunningRowIsWrittenUpdatesThatRow) {
  Recorder::Slot slot = recorder.begin(running("report"));
  recorder.wait_until_drained();
  recorder.finish(slot, succeeded("report"));
  recorder.wait_until_drained();
  std::vector<Execution> rows = faults.history("report", 10, 0);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].outcome, Outcome::succeeded);
  EXPECT_EQ(faults.calls(Call::finish), 1);
}

TEST_F(RecorderTest, WritesWhatQueuedWhileAWriteWasInFlightAsOneGroup) {
  faults.block(Call::insert, "first");
  recorder.record(succeeded("first"));
  faults.wait_until_blocked(Call::insert);
  for (int i = 0; i < 50; ++i) recorder.record(succeeded("job-" + std::to_string(i)));
  faults.release(Call::insert);
  recorder.wait_until_drained();
  EXPECT_EQ(faults.calls(Call::write_all), 2) << "one transaction for the first row, one for the 50 behind it";
  for (int i = 0; i < 50; ++i) EXPECT_EQ(faults.history("job-" + std::to_string(i), 10, 0).size(), 1u) << i;
}

TEST_F(RecorderTest, ARefusedGroupIsWrittenWholeAndOnceWhenTheStoreTakesIt) {
  Recorder::Slot slot = recorder.begin(running("report"));
  recorder.wait_until_drained();
  faults.block(Call::insert, "first");
  recorder.record(succeeded("first"));
  faults.wait_until_blocked(Call::insert);
  recorder.finish(slot, succeeded("report"));
  recorder.record(succeeded("invoice"));
  faults.fail(Call::finish, 1);  // the group of report's outcome and invoice's row is refused once
  faults.release(Call::insert);
  recorder.wait_until_drained();
  EXPECT_EQ(faults.calls(Call::write_all), 4) << "report's row, first's, the refused group, its retry";
  std::vector<Execution> report = faults.history("report", 10, 0);
  ASSERT_EQ(report.size(), 1u);
  EXPECT_EQ(report[0].outcome, Outcome::succeeded);
  EXPECT_EQ(faults.history("invoice", 10, 0).size(), 1u) << "the group was half-written, or written twice";
  EXPECT_TRUE(lines.empty());
}

TEST_F(RecorderTest, ADeferralThatNeverEndsHoldsAnOutcomeOnlyForItsBound) {
  recorder.defer(true);  // as while a claim hangs
  recorder.record(succeeded("report"));
  recorder.wait_until_drained();
  EXPECT_EQ(faults.history("report", 10, 0).size(), 1u);
}

TEST_F(RecorderTest, StopWritesWhatADeferralHolds) {
  recorder.defer(true);
  recorder.record(succeeded("report"));
  recorder.stop();
  EXPECT_EQ(faults.history("report", 10, 0).size(), 1u);
  EXPECT_TRUE(lines.empty());
}

}  // namespace
}  // namespace cron::scheduler

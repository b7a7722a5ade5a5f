// The pruner on the manual clock: a pass at start, then one every ten minutes, each removing what retention lets
// go in bounded store calls; a failed pass logs one line and the next period tries again.

#include "fault_store.hpp"
#include "scheduler/pruner.hpp"
#include "utc_time.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

namespace cron::scheduler {
namespace {

using namespace std::chrono_literals;
using test::FaultStore;

class PrunerTest : public testing::Test {
 protected:
  PrunerTest() {
    auto inner = make_memory_store();
    store = std::make_unique<FaultStore>(std::move(inner));
  }

  /// `count` finished runs of `report` a minute apart, started two days before the clock's start.
  void insert_old_runs(int count) {
    for (int i = 0; i < count; ++i) {
      Execution e;
      e.job_id = "report";
      e.key = "report@" + std::to_string(i);
      e.started = clock.now() - 48h + std::chrono::minutes(i);
      e.finished = e.started;
      e.outcome = Outcome::succeeded;
      store->insert(e);
    }
  }

  std::size_t rows(std::size_t limit) { return store->history("report", limit, 0).size(); }

  void wait_for_passes(int passes) {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return passes_done >= passes; });
  }

  std::vector<std::string> seen() {
    std::lock_guard lock(mutex);
    return lines;
  }

  std::unique_ptr<Pruner> make_pruner() {
    return std::make_unique<Pruner>(*store, lease, events, clock, std::vector<std::string>{"report", "invoice"},
                                    HistoryRetention{10, 24h}, 60s, [this] {
                                      std::lock_guard lock(mutex);
                                      ++passes_done;
                                      changed.notify_all();
                                    });
  }

  ManualClock clock{TimePoint(test::utc("2026-03-10T12:00:00Z"))};
  std::unique_ptr<FaultStore> store;
  Lease lease{"me#1", 30s};
  std::mutex mutex;
  std::condition_variable changed;
  int passes_done = 0;
  std::vector<std::string> lines;
  Events events{[this](const LogEvent& event) {
    std::lock_guard lock(mutex);
    lines.push_back(format_log_line(event));
  }};
};

TEST_F(PrunerTest, PrunesAtStartInBoundedCallsThenEveryTenMinutes) {
  insert_old_runs(1210);
  auto pruner = make_pruner();
  EXPECT_EQ(rows(2000), 1210u) << "pruned before start()";
  pruner->start();
  wait_for_passes(1);
  EXPECT_EQ(rows(2000), 10u) << "keep_per_job of runs older than max_age";
  EXPECT_EQ(store->calls(FaultStore::Call::prune), 4) << "report in calls of 500, 500 and 200; invoice in one";

  insert_old_runs(5);
  clock.advance(9min + 59s);
  EXPECT_TRUE(pruner->caught_up(clock.now()));
  EXPECT_EQ(store->calls(FaultStore::Call::prune), 4) << "a pass before ten minutes";
  clock.advance(1s);
  wait_for_passes(2);
  EXPECT_EQ(rows(2000), 10u);
  EXPECT_EQ(store->calls(FaultStore::Call::prune), 6);
  EXPECT_TRUE(seen().empty());
}

TEST_F(PrunerTest, AFailedPassLogsOneLineAndTheNextPeriodTriesAgain) {
  insert_old_runs(20);
  store->fail(FaultStore::Call::prune, 1);
  auto pruner = make_pruner();
  pruner->start();
  wait_for_passes(1);
  EXPECT_EQ(seen(), (std::vector<std::string>{
                        "cron: report store error: pruning its history failed (database is locked); tried again in "
                        "10 minutes"}));
  EXPECT_EQ(rows(100), 20u);
  clock.advance(10min);
  wait_for_passes(2);
  EXPECT_EQ(rows(100), 10u);
  EXPECT_EQ(seen().size(), 1u);
}

TEST_F(PrunerTest, StopsWithoutAPass) {
  auto pruner = make_pruner();
  EXPECT_TRUE(pruner->caught_up(clock.now()));
  pruner->stop();
  EXPECT_EQ(store->calls(FaultStore::Call::prune), 0);
}

}  // namespace
}  // namespace cron::scheduler

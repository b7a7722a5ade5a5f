// The runtime against a store that fails, hangs or refuses on command (support/fault_store.hpp), on the manual
// clock: a slow or failing store never freezes the runtime, loses an outcome or loses a tick (docs/runtime.md).

#include "fault_store.hpp"
#include "gate.hpp"
#include "runtime_outcomes.hpp"
#include "sqlite_file.hpp"
#include "utc_time.hpp"

#include <cron/runtime.hpp>

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <future>
#include <mutex>
#include <thread>

namespace cron {
namespace {

using namespace std::chrono_literals;
using std::chrono::sys_seconds;
using test::outcomes;
using test::FaultStore;
using Call = FaultStore::Call;

constexpr auto at = test::utc;

test::Gate gate;
Status gated() {
  gate.pass();
  return Status::success();
}

constexpr JobDefinition kJobs[] = {
    {"report", "Report", "every:120", Schedule::every_minutes(120).value(), &gated, "test::gated"},
    {"invoice", "Invoice", "every:120", Schedule::every_minutes(120).value(), &gated, "test::gated"},
};

/// Waits for `call` on another thread, at most `limit`: a watchdog, so a frozen runtime fails the test instead of
/// hanging it.
template <class Call>
bool answers_within(std::chrono::seconds limit, Call call) {
  auto future = std::async(std::launch::async, call);
  if (future.wait_for(limit) != std::future_status::ready) {
    future.wait();  // the test fails; the call still has to end before the runtime goes
    return false;
  }
  future.get();
  return true;
}

class StoreFaultsTest : public testing::Test {
 protected:
  void SetUp() override {
    gate.open();
    path = std::filesystem::temp_directory_path() /
           ("cronc-faults-" + std::string(testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" +
            std::to_string(::getpid()) + ".db");
    remove_files();
  }
  void TearDown() override { remove_files(); }
  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm", ".lock"}) std::filesystem::remove(path.string() + suffix);
  }

  std::unique_ptr<Runtime> make_runtime(std::unique_ptr<Store> store, Options options = {}) {
    options.clock = clock;
    options.store_instance = std::move(store);
    options.replica = "test-replica";
    options.log = nullptr;
    return std::make_unique<Runtime>(std::move(options), kJobs);
  }

  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(TimePoint(at("2026-03-01T09:59:30Z")));
  std::filesystem::path path;
};

TEST_F(StoreFaultsTest, AHungClaimFreezesNeitherReadsNorManualRunsNorStop) {
  auto store = std::make_unique<FaultStore>(make_memory_store());
  FaultStore& faults = *store;
  auto runtime = make_runtime(std::move(store));
  runtime->start();
  faults.block(Call::claim, "report");
  clock->set(TimePoint(at("2026-03-01T10:00:00Z")));
  faults.wait_until_blocked(Call::claim);  // the store hangs on report's tick

  EXPECT_TRUE(answers_within(30s, [&] { EXPECT_EQ(runtime->snapshot().size(), 2u); })) << "the dashboard froze";
  EXPECT_TRUE(answers_within(30s, [&] {
    EXPECT_EQ(runtime->trigger("invoice").status, TriggerResult::Status::started);
  })) << "a manual run of another job froze";
  runtime->wait_until_recorded();
  auto invoices = runtime->history("invoice", 10);
  EXPECT_TRUE(std::any_of(invoices.begin(), invoices.end(), [](const Execution& e) {
    return e.trigger == Trigger::manual && e.outcome == Outcome::succeeded;
  })) << "the manual run was not recorded";
  EXPECT_TRUE(answers_within(30s, [&] { EXPECT_TRUE(runtime->stop(100ms).empty()); })) << "stop() froze";
  faults.release(Call::claim);
}

TEST_F(StoreFaultsTest, TheTicksOfOneTimerPassAreClaimedInOneStoreCall) {
  auto store = std::make_unique<FaultStore>(make_memory_store());
  FaultStore& faults = *store;
  auto runtime = make_runtime(std::move(store));
  runtime->start();
  clock->set(TimePoint(at("2026-03-01T10:00:00Z")));
  runtime->wait_until_idle();
  EXPECT_EQ(faults.calls(Call::claim_all), 1) << "report's and invoice's 10:00 ticks";
  EXPECT_EQ(faults.calls(Call::claim), 2);
  runtime->wait_until_recorded();
  EXPECT_EQ(outcomes(*runtime, "report"), (std::vector<std::string>{"report@2026-03-01T10:00Z succeeded"}));
  EXPECT_EQ(outcomes(*runtime, "invoice"), (std::vector<std::string>{"invoice@2026-03-01T10:00Z succeeded"}));
}

TEST_F(StoreFaultsTest, AFailedClaimIsClaimedAgainASecondLaterAndRunsOnce) {
  auto store = std::make_unique<FaultStore>(make_memory_store());
  FaultStore& faults = *store;
  auto runtime = make_runtime(std::move(store));
  runtime->start();
  faults.fail(Call::claim, 1);  // the one batch that claims both jobs' 10:00 ticks
  clock->set(TimePoint(at("2026-03-01T10:00:00Z")));
  runtime->wait_until_idle();
  EXPECT_TRUE(runtime->history("report", 10).empty());
  clock->set(TimePoint(at("2026-03-01T10:00:01Z")));
  runtime->wait_until_idle();
  EXPECT_EQ(outcomes(*runtime, "report"), (std::vector<std::string>{"report@2026-03-01T10:00Z succeeded"}));
  EXPECT_EQ(outcomes(*runtime, "invoice"), (std::vector<std::string>{"invoice@2026-03-01T10:00Z succeeded"}));
}

/// Spins (yielding) until `done` holds, at most a watchdog's while: for a state no wait of the Runtime names.
template <class Predicate>
bool eventually(Predicate done) {
  auto give_up = std::chrono::steady_clock::now() + 30s;
  while (!done())
    if (std::chrono::steady_clock::now() > give_up) return false;
    else std::this_thread::yield();
  return true;
}

TEST_F(StoreFaultsTest, ARefusedOutcomeIsKeptAndWrittenWhenTheSqliteStoreAnswersAgain) {
  auto store = std::make_unique<FaultStore>(make_sqlite_store(path.string()));
  FaultStore& faults = *store;
  auto runtime = make_runtime(std::move(store));
  runtime->start();
  gate.close();
  clock->set(TimePoint(at("2026-03-01T10:00:00Z")));
  ASSERT_TRUE(eventually([&] {
    return runtime->history("report", 1).size() == 1 && runtime->history("invoice", 1).size() == 1;
  })) << "the running rows were never written";
  faults.fail(Call::finish);  // the file is locked as the runs end
  faults.fail(Call::insert);
  gate.open();
  runtime->wait_until_idle();
  EXPECT_EQ(outcomes(*runtime, "report"), (std::vector<std::string>{"report@2026-03-01T10:00Z running"}));
  faults.heal(Call::finish);
  faults.heal(Call::insert);
  runtime->wait_until_recorded();
  EXPECT_EQ(outcomes(*runtime, "report"), (std::vector<std::string>{"report@2026-03-01T10:00Z succeeded"}));
  EXPECT_GT(faults.calls(Call::finish), 2) << "the outcome was not retried";
  runtime.reset();
  // A restart finds nothing to interrupt: the outcome was written, not lost.
  auto rows = test::sqlite_rows(path.string(), "SELECT key, outcome FROM executions ORDER BY key");
  EXPECT_EQ(rows, (std::vector<std::vector<std::string>>{{"invoice@2026-03-01T10:00Z", "succeeded"},
                                                         {"report@2026-03-01T10:00Z", "succeeded"}}));
}

TEST_F(StoreFaultsTest, AnOutcomeStillRefusedAtExitIsLoggedOneLineEach) {
  std::vector<std::string> lines;
  std::mutex mutex;
  auto store = std::make_unique<FaultStore>(make_memory_store());
  FaultStore& faults = *store;
  Options options;
  options.clock = clock;
  options.store_instance = std::move(store);
  options.replica = "test-replica";
  options.log = [&](const LogEvent& event) {
    std::lock_guard lock(mutex);
    if (event.kind == LogEvent::Kind::unrecorded) lines.push_back(format_log_line(event));
  };
  auto runtime = std::make_unique<Runtime>(std::move(options), kJobs);
  runtime->start();
  runtime->wait_until_idle();
  faults.fail(Call::insert);
  clock->set(TimePoint(at("2026-03-01T10:00:00Z")));
  runtime->wait_until_idle();
  runtime.reset();
  std::sort(lines.begin(), lines.end());
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "cron: invoice@2026-03-01T10:00Z not recorded: the store did not take it before the process "
                       "stopped: attempt 1 succeeded",
                       "cron: report@2026-03-01T10:00Z not recorded: the store did not take it before the process "
                       "stopped: attempt 1 succeeded",
                   }));
}

TEST_F(StoreFaultsTest, AClaimWithoutAnExecutionIsRecordedAtTheNextStart) {
  {
    auto store = make_sqlite_store(path.string());
    Claim tick{"report", "report@2026-03-01T08:00Z", at("2026-03-01T08:00:00Z")};
    ASSERT_TRUE(store->claim(tick, ClaimPurpose::run, Lease{"dead#1", 30s}));  // the process dies here
  }
  auto runtime = make_runtime(make_sqlite_store(path.string()));
  runtime->start();
  runtime->wait_until_idle();
  EXPECT_EQ(outcomes(*runtime, "report"),
            (std::vector<std::string>{
                "report@2026-03-01T08:00Z missed: the tick was claimed, but the process stopped before it ran"}));
}

TEST_F(StoreFaultsTest, StopWithQueuedWorkLosesNoTick) {
  Options options;
  options.workers = 1;
  auto runtime = make_runtime(make_sqlite_store(path.string()), std::move(options));
  runtime->start();
  gate.close();
  clock->set(TimePoint(at("2026-03-01T10:00:00Z")));
  gate.wait_until_entered();           // one job runs on the only worker
  runtime->wait_until_ticks_handled();  // the other's tick is claimed and queued
  EXPECT_EQ(runtime->stop(0ms).size(), 1u);
  gate.open();
  runtime.reset();

  auto restarted = make_runtime(make_sqlite_store(path.string()));
  restarted->start();
  restarted->wait_until_idle();
  std::vector<std::string> both = outcomes(*restarted, "report");
  for (const std::string& line : outcomes(*restarted, "invoice")) both.push_back(line);
  std::sort(both.begin(), both.end());
  ASSERT_EQ(both.size(), 2u) << "a tick vanished";
  bool report_ran = both[1].ends_with("succeeded");
  EXPECT_EQ(both[report_ran ? 0 : 1].substr(both[report_ran ? 0 : 1].find(' ')),
            " missed: the tick was claimed, but the process stopped before it ran");
}

TEST_F(StoreFaultsTest, AnInterruptedRunHasNoFinishTimeAndNoDuration) {
  {
    auto store = make_sqlite_store(path.string());
    Execution execution;
    execution.job_id = "report";
    execution.key = "report@2026-03-01T08:00Z";
    execution.scheduled = at("2026-03-01T08:00:00Z");
    execution.started = TimePoint(at("2026-03-01T08:00:00Z"));
    store->claim({"report", execution.key, execution.scheduled}, ClaimPurpose::run, Lease{"dead#1", 30s});
    store->insert(execution);
  }
  auto runtime = make_runtime(make_sqlite_store(path.string()));
  runtime->start();
  runtime->wait_until_idle();
  auto history = runtime->history("report", 10);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].outcome, Outcome::interrupted);
  EXPECT_EQ(history[0].finished, std::nullopt);
  EXPECT_EQ(history[0].duration(), std::nullopt);
}

TEST_F(StoreFaultsTest, HistoryReportsAStoreErrorInsteadOfAnEmptyHistory) {
  auto store = std::make_unique<FaultStore>(make_memory_store());
  FaultStore& faults = *store;
  auto runtime = make_runtime(std::move(store));
  faults.fail(Call::history, -1, "sqlite:cron.db: disk I/O error");
  try {
    runtime->history("report", 10);
    FAIL() << "no error";
  } catch (const StoreError& error) {
    EXPECT_STREQ(error.what(), "sqlite:cron.db: disk I/O error");
  }
  EXPECT_THROW(runtime->snapshot(), StoreError);
  EXPECT_EQ(runtime->snapshot(0).size(), 2u) << "a snapshot without history needs no store";
}

}  // namespace
}  // namespace cron

// Claims on their own: what is queued is claimed in batches, one store call each, and a batch never holds two
// ticks of one job to run (a store decides `busy` against claims made before the batch).

#include "scheduler/claims.hpp"

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

ClaimRequest run(std::string job_id, std::string_view tick) {
  std::chrono::sys_seconds scheduled = test::utc(tick);
  return {0, Claim{job_id, idempotency_key(job_id, scheduled), scheduled}, ClaimPurpose::run};
}

class ClaimsTest : public testing::Test {
 protected:
  /// Queues `batch` and waits for all its answers, in the order they came.
  std::vector<std::string> claim(std::vector<ClaimRequest> batch) {
    std::size_t expected = batch.size();
    claims.submit(std::move(batch));
    std::unique_lock lock(mutex);
    answered.wait(lock, [&] { return answers.size() == expected; });
    return answers;
  }

  FaultStore faults{make_memory_store()};
  Lease lease{"test#1"};
  Events events{nullptr};
  Pauses pauses{faults, events};
  std::mutex mutex;
  std::condition_variable answered;
  std::vector<std::string> answers;
  Claims claims{faults, lease, events, pauses, [this](ClaimRequest request, ClaimAnswer answer) {
                  std::lock_guard lock(mutex);
                  answers.push_back(request.tick.key + (answer.unreachable ? " unreachable"
                                                        : answer.paused    ? " paused"
                                                        : answer.claim     ? " claimed"
                                                                           : " taken"));
                  answered.notify_all();
                }};
};

TEST_F(ClaimsTest, ClaimsAPassInOneStoreCallAndAnswersInOrder) {
  faults.claim(run("invoice", "2026-03-01T10:00:00Z").tick, ClaimPurpose::run, Lease{"other#1"});
  EXPECT_EQ(claim({run("report", "2026-03-01T10:00:00Z"), run("invoice", "2026-03-01T10:00:00Z"),
                   run("audit", "2026-03-01T10:00:00Z")}),
            (std::vector<std::string>{"report@2026-03-01T10:00Z claimed", "invoice@2026-03-01T10:00Z taken",
                                      "audit@2026-03-01T10:00Z claimed"}));
  EXPECT_EQ(faults.calls(Call::claim_all), 1);
}

TEST_F(ClaimsTest, TwoTicksOfOneJobToRunGoInSeparateBatches) {
  claim({run("report", "2026-03-01T10:00:00Z"), run("invoice", "2026-03-01T10:00:00Z"),
         run("report", "2026-03-01T10:01:00Z")});
  EXPECT_EQ(faults.calls(Call::claim_all), 2);
}

TEST_F(ClaimsTest, AFailedBatchAnswersEveryTickUnreachableAndClaimsNone) {
  faults.fail(Call::claim_all, 1);
  EXPECT_EQ(claim({run("report", "2026-03-01T10:00:00Z"), run("invoice", "2026-03-01T10:00:00Z")}),
            (std::vector<std::string>{"report@2026-03-01T10:00Z unreachable", "invoice@2026-03-01T10:00Z unreachable"}));
  EXPECT_TRUE(faults.claim(run("report", "2026-03-01T10:00:00Z").tick, ClaimPurpose::run, lease));
}

TEST_F(ClaimsTest, ReadsThePausesAtEachPassAndClaimsNoScheduledTickOfAPausedJob) {
  faults.pause("report", {TimePoint(test::utc("2026-03-01T09:00:00Z")), "ops", "maintenance"});
  EXPECT_EQ(claim({run("report", "2026-03-01T10:00:00Z"), run("invoice", "2026-03-01T10:00:00Z")}),
            (std::vector<std::string>{"report@2026-03-01T10:00Z paused", "invoice@2026-03-01T10:00Z claimed"}));
  EXPECT_EQ(faults.calls(Call::pauses), 1);
  EXPECT_TRUE(faults.claim(run("report", "2026-03-01T10:00:00Z").tick, ClaimPurpose::record, Lease{"other#1"}))
      << "a paused job's tick was claimed";

  faults.resume("report", TimePoint(test::utc("2026-03-01T10:00:30Z")));  // by another replica
  answers.clear();
  EXPECT_EQ(claim({run("report", "2026-03-01T10:01:00Z")}),
            (std::vector<std::string>{"report@2026-03-01T10:01Z claimed"}))
      << "the next pass did not see the resume";
  EXPECT_EQ(faults.calls(Call::pauses), 2);
}

TEST_F(ClaimsTest, AFailedReadOfThePausesKeepsTheLastSet) {
  faults.pause("report", {TimePoint(test::utc("2026-03-01T09:00:00Z")), "ops", ""});
  claim({run("report", "2026-03-01T10:00:00Z")});
  faults.resume("report", TimePoint(test::utc("2026-03-01T10:00:30Z")));
  faults.fail(Call::pauses);
  answers.clear();
  EXPECT_EQ(claim({run("report", "2026-03-01T10:01:00Z"), run("invoice", "2026-03-01T10:01:00Z")}),
            (std::vector<std::string>{"report@2026-03-01T10:01Z paused", "invoice@2026-03-01T10:01Z claimed"}))
      << "a store fault changed which jobs are paused, or stopped the others";
}

}  // namespace
}  // namespace cron::scheduler

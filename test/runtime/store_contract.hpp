#pragma once
// What every store guarantees (cron::Store, docs/runtime.md), as one typed GoogleTest suite: each store's test
// instantiates it with a factory (`std::unique_ptr<Store> open()`, empty to skip), so a new store, or a new
// Store method, gets the same cases everywhere.

#include "utc_time.hpp"

#include <cron/store.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace cron::test {

inline std::chrono::sys_seconds contract_time(std::string_view text) { return utc(text); }

template <class Factory>
class StoreContract : public testing::Test {
 protected:
  void SetUp() override {
    store = factory.open();
    if (!store) GTEST_SKIP() << Factory::kSkipReason;
  }

  Execution running(std::string_view key, std::string_view tick) {
    Execution e;
    e.job_id = "report";
    e.key = std::string(key);
    e.scheduled = contract_time(tick);
    e.started = TimePoint(contract_time(tick)) + std::chrono::milliseconds(250);
    e.replica = "a";
    return e;
  }

  /// Five finished runs of `report`, an hour apart from 10:00; their keys, oldest first.
  std::vector<std::string> hourly_runs() {
    std::vector<std::string> keys;
    for (int hour = 10; hour <= 14; ++hour) {
      Execution e = running("report@2026-03-01T" + std::to_string(hour) + ":00Z",
                            "2026-03-01T" + std::to_string(hour) + ":00:00Z");
      e.outcome = Outcome::succeeded;
      e.finished = e.started;
      store->insert(e);
      keys.push_back(e.key);
    }
    return keys;
  }

  Factory factory;
  std::unique_ptr<Store> store;
};

TYPED_TEST_SUITE_P(StoreContract);

TYPED_TEST_P(StoreContract, RecordsAndReadsExecutionsNewestFirst) {
  Store& store = *this->store;
  Execution first = this->running("report@2026-03-01T10:00Z", "2026-03-01T10:00:00Z");
  store.insert(first);
  EXPECT_GT(first.id, 0);
  first.outcome = Outcome::failed;
  first.finished = first.started + std::chrono::milliseconds(1500);
  first.message = "it's \"broken\"";
  store.finish(first);
  Execution manual = this->running("report@manual-2026-03-01T11:00:00.000Z", "2026-03-01T11:00:00Z");
  manual.trigger = Trigger::manual;
  store.insert(manual);

  auto history = store.history("report", 10);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].trigger, Trigger::manual);
  EXPECT_EQ(history[0].outcome, Outcome::running);
  EXPECT_EQ(history[0].finished, std::nullopt) << "a running row has no finish time";
  const Execution& read = history[1];
  EXPECT_EQ(read.key, first.key);
  EXPECT_EQ(read.scheduled, first.scheduled);
  EXPECT_EQ(read.outcome, Outcome::failed);
  EXPECT_EQ(read.started, first.started);
  EXPECT_EQ(read.duration(), std::chrono::milliseconds(1500));
  EXPECT_EQ(read.message, "it's \"broken\"");
  EXPECT_EQ(read.replica, "a");
  EXPECT_EQ(store.history("report", 10, history[0].id).size(), 1u);
  EXPECT_EQ(store.history("report", 1).size(), 1u);
  EXPECT_TRUE(store.history("invoice", 10).empty());
  EXPECT_EQ(store.last_tick("report"), contract_time("2026-03-01T10:00:00Z")) << "a manual run is not a tick";
  EXPECT_EQ(store.last_tick("invoice"), std::nullopt);
}

TYPED_TEST_P(StoreContract, ClaimsATickOnceWhoeverAsks) {
  Store& store = *this->store;
  Claim tick{"report", "report@2026-03-01T10:00Z", contract_time("2026-03-01T10:00:00Z")};
  auto claim = store.claim(tick, ClaimPurpose::run, Lease{"a#1", std::chrono::seconds(30)});
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->attempt, 1);
  EXPECT_FALSE(claim->busy);
  EXPECT_FALSE(store.claim(tick, ClaimPurpose::run, Lease{"a#1", std::chrono::seconds(30)})) << "claimed twice";
  EXPECT_FALSE(store.claim(tick, ClaimPurpose::record, Lease{"b#1", std::chrono::seconds(30)}));
  tick.key = "report@2026-03-01T11:00Z";
  tick.scheduled = contract_time("2026-03-01T11:00:00Z");
  EXPECT_TRUE(store.claim(tick, ClaimPurpose::record, Lease{"b#1", std::chrono::seconds(30)}));
}

TYPED_TEST_P(StoreContract, ClaimsABatchAsClaimWouldOneByOne) {
  Store& store = *this->store;
  Lease lease{"a#1", std::chrono::seconds(30)};
  Claim taken{"report", "report@2026-03-01T10:00Z", contract_time("2026-03-01T10:00:00Z")};
  ASSERT_TRUE(store.claim(taken, ClaimPurpose::run, lease));
  std::vector<ClaimAsk> asks = {
      {taken, ClaimPurpose::run},
      {Claim{"invoice", "invoice@2026-03-01T10:00Z", contract_time("2026-03-01T10:00:00Z")}, ClaimPurpose::run},
      {Claim{"report", "report@2026-03-01T09:00Z", contract_time("2026-03-01T09:00:00Z")}, ClaimPurpose::record},
  };
  std::vector<std::optional<Claim>> answers = store.claim_all(asks, lease);
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_FALSE(answers[0]) << "claimed twice";
  ASSERT_TRUE(answers[1]);
  EXPECT_EQ(answers[1]->key, "invoice@2026-03-01T10:00Z");
  EXPECT_EQ(answers[1]->attempt, 1);
  EXPECT_FALSE(answers[1]->busy);
  ASSERT_TRUE(answers[2]);
  EXPECT_EQ(answers[2]->key, "report@2026-03-01T09:00Z");
  EXPECT_FALSE(store.claim(asks[1].tick, ClaimPurpose::run, Lease{"b#1", std::chrono::seconds(30)}));
  EXPECT_TRUE(store.claim_all({}, lease).empty());
}

TYPED_TEST_P(StoreContract, WritesAGroupInOrderAndGivesEachNewRowItsId) {
  Store& store = *this->store;
  Lease lease{"a#1", std::chrono::seconds(30)};
  Execution skipped = this->running("report@2026-03-01T09:00Z", "2026-03-01T09:00:00Z");
  skipped.outcome = Outcome::skipped;
  skipped.finished = skipped.started;
  skipped.message = "the previous run of this job was still running";
  std::vector<Write> first = {{Write::Kind::insert, this->running("report@2026-03-01T10:00Z", "2026-03-01T10:00:00Z")},
                              {Write::Kind::insert, skipped}};
  store.write_all(first, lease);
  ASSERT_GT(first[0].execution.id, 0);
  EXPECT_GT(first[1].execution.id, first[0].execution.id) << "ids follow the order of the group";

  Execution done = first[0].execution;
  done.outcome = Outcome::succeeded;
  done.finished = done.started + std::chrono::milliseconds(40);
  std::vector<Write> second = {{Write::Kind::finish, done}, {Write::Kind::complete, {}, done.key}};
  store.write_all(second, lease);
  auto history = store.history("report", 10);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].outcome, Outcome::skipped);
  EXPECT_EQ(history[0].message, "the previous run of this job was still running");
  EXPECT_EQ(history[1].outcome, Outcome::succeeded);
  EXPECT_EQ(history[1].duration(), std::chrono::milliseconds(40));
  std::vector<Write> none;
  store.write_all(none, lease);
}

TYPED_TEST_P(StoreContract, AnInterruptedRunHasNoFinishTime) {
  Store& store = *this->store;
  Execution execution = this->running("report@2026-03-01T10:00Z", "2026-03-01T10:00:00Z");
  store.insert(execution);
  EXPECT_EQ(store.mark_interrupted(), 1u);
  auto history = store.history("report", 1);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].outcome, Outcome::interrupted);
  EXPECT_EQ(history[0].message, "the process stopped while it ran");
  EXPECT_EQ(history[0].finished, std::nullopt);
  EXPECT_EQ(history[0].duration(), std::nullopt);
  EXPECT_EQ(store.mark_interrupted(), 0u);
}

TYPED_TEST_P(StoreContract, NeverCallsAClaimWithAnExecutionOrOneOfItsOwnUnrecorded) {
  Store& store = *this->store;
  Lease mine{"me#1", std::chrono::seconds(30)};
  Claim recorded{"report", "report@2026-03-01T10:00Z", contract_time("2026-03-01T10:00:00Z")};
  ASSERT_TRUE(store.claim(recorded, ClaimPurpose::record, Lease{"dead#1", std::chrono::seconds(30)}));
  Execution execution = this->running(recorded.key, "2026-03-01T10:00:00Z");
  store.insert(execution);
  Claim own{"report", "report@2026-03-01T11:00Z", contract_time("2026-03-01T11:00:00Z")};
  ASSERT_TRUE(store.claim(own, ClaimPurpose::run, mine));
  EXPECT_TRUE(store.unrecorded_claims(mine).empty());
}

TYPED_TEST_P(StoreContract, KeepsEachJobsLatestPauseAndWhenItWasLifted) {
  Store& store = *this->store;
  EXPECT_TRUE(store.pauses().empty());
  EXPECT_FALSE(store.resume("report", TimePoint(contract_time("2026-03-01T10:00:00Z")))) << "resumed unpaused";
  TimePoint paused_at = TimePoint(contract_time("2026-03-01T10:00:00Z")) + std::chrono::milliseconds(125);
  store.pause("report", {paused_at, "ops@example.com", "the mail server is down; it's \"planned\""});
  store.pause("invoice", {paused_at, "127.0.0.1", ""});
  auto pauses = store.pauses();
  ASSERT_EQ(pauses.size(), 2u);
  EXPECT_EQ(pauses[0].job_id, "invoice") << "by job id";
  EXPECT_EQ(pauses[1].job_id, "report");
  EXPECT_EQ(pauses[1].pause.at, paused_at);
  EXPECT_EQ(pauses[1].pause.by, "ops@example.com");
  EXPECT_EQ(pauses[1].pause.note, "the mail server is down; it's \"planned\"");
  EXPECT_EQ(pauses[1].resumed, std::nullopt);

  TimePoint resumed_at = paused_at + std::chrono::minutes(30);
  EXPECT_TRUE(store.resume("report", resumed_at));
  EXPECT_FALSE(store.resume("report", resumed_at + std::chrono::minutes(1))) << "a lifted pause was lifted again";
  pauses = store.pauses();
  ASSERT_EQ(pauses.size(), 2u);
  EXPECT_EQ(pauses[1].resumed, resumed_at);
  EXPECT_EQ(pauses[1].pause.note, "the mail server is down; it's \"planned\"") << "the lifted pause is kept";

  TimePoint again = resumed_at + std::chrono::hours(1);
  store.pause("report", {again, "someone else", "second time"});
  pauses = store.pauses();
  ASSERT_EQ(pauses.size(), 2u);
  EXPECT_EQ(pauses[1].pause.at, again);
  EXPECT_EQ(pauses[1].pause.by, "someone else");
  EXPECT_EQ(pauses[1].pause.note, "second time");
  EXPECT_EQ(pauses[1].resumed, std::nullopt) << "a new pause replaces the lifted one";
}

TYPED_TEST_P(StoreContract, CountsAJobsExecutionsWithSomeOutcomesSinceATime) {
  Store& store = *this->store;
  auto record = [&](std::string_view key, std::string_view tick, Outcome outcome, std::string job = "report") {
    Execution e = this->running(key, tick);
    e.job_id = std::move(job);
    e.outcome = outcome;
    store.insert(e);
  };
  record("report@2026-03-01T09:00Z", "2026-03-01T09:00:00Z", Outcome::failed);
  record("report@2026-03-01T10:00Z", "2026-03-01T10:00:00Z", Outcome::failed);
  record("report@2026-03-01T11:00Z", "2026-03-01T11:00:00Z", Outcome::timed_out);
  record("report@2026-03-01T12:00Z", "2026-03-01T12:00:00Z", Outcome::succeeded);
  record("report@2026-03-01T13:00Z", "2026-03-01T13:00:00Z", Outcome::cancelled);
  record("invoice@2026-03-01T12:00Z", "2026-03-01T12:00:00Z", Outcome::failed, "invoice");
  constexpr Outcome kFailures[] = {Outcome::failed, Outcome::timed_out, Outcome::interrupted};
  // Each run started 250 ms after its tick, so the 10:00 failure counts from 10:00:00.250 back, not after it.
  EXPECT_EQ(store.count("report", kFailures, TimePoint(contract_time("2026-03-01T10:00:00Z"))), 2u);
  EXPECT_EQ(store.count("report", kFailures,
                        TimePoint(contract_time("2026-03-01T10:00:00Z")) + std::chrono::milliseconds(251)),
            1u);
  EXPECT_EQ(store.count("report", kFailures, TimePoint(contract_time("2026-03-01T00:00:00Z"))), 3u);
  EXPECT_EQ(store.count("invoice", kFailures, TimePoint(contract_time("2026-03-01T00:00:00Z"))), 1u);
  EXPECT_EQ(store.count("report", {}, TimePoint(contract_time("2026-03-01T00:00:00Z"))), 0u);
}

inline std::vector<std::string> keys_of(const std::vector<Execution>& history) {
  std::vector<std::string> keys;
  for (const Execution& e : history) keys.push_back(e.key);
  return keys;
}

/// At 14:30 with a max_age of 90 minutes, the runs before 13:00 are old.
inline PruneLimits limits_at_half_past_two(std::size_t keep) {
  return {HistoryRetention{keep, std::chrono::minutes(90)}, contract_time("2026-03-01T14:30:00Z"),
          std::chrono::seconds(60)};
}

TYPED_TEST_P(StoreContract, PrunesOnlyExecutionsBeyondBothLimits) {
  Store& store = *this->store;
  Lease lease{"me#1", std::chrono::seconds(30)};
  std::vector<std::string> keys = this->hourly_runs();
  Execution other = this->running("invoice@2026-03-01T10:00Z", "2026-03-01T10:00:00Z");
  other.job_id = "invoice";
  other.outcome = Outcome::failed;
  other.finished = other.started;
  store.insert(other);

  Pruned pruned = store.prune("report", limits_at_half_past_two(3), lease);
  EXPECT_EQ(pruned.executions, 2u) << "10:00 and 11:00 are old and not among the newest three";
  EXPECT_EQ(keys_of(store.history("report", 10)), (std::vector<std::string>{keys[4], keys[3], keys[2]}));
  pruned = store.prune("report", limits_at_half_past_two(1), lease);
  EXPECT_EQ(pruned.executions, 1u) << "13:00 is younger than max_age: kept though beyond keep_per_job";
  EXPECT_EQ(keys_of(store.history("report", 10)), (std::vector<std::string>{keys[4], keys[3]}));
  EXPECT_EQ(store.prune("report", limits_at_half_past_two(1), lease).executions, 0u);
  EXPECT_EQ(store.history("invoice", 10).size(), 1u) << "another job's history is its own";
  EXPECT_EQ(store.last_tick("report"), contract_time("2026-03-01T14:00:00Z"));
}

TYPED_TEST_P(StoreContract, PrunesInBoundedCallsAndNeverARunningExecution) {
  Store& store = *this->store;
  Lease lease{"me#1", std::chrono::seconds(30)};
  Execution running = this->running("report@2026-03-01T09:00Z", "2026-03-01T09:00:00Z");
  store.insert(running);
  std::vector<std::string> keys = this->hourly_runs();
  PruneLimits limits = limits_at_half_past_two(1);
  limits.max_executions = 2;
  EXPECT_EQ(store.prune("report", limits, lease).executions, 2u);
  EXPECT_EQ(store.prune("report", limits, lease).executions, 1u);
  EXPECT_EQ(store.prune("report", limits, lease).executions, 0u);
  EXPECT_EQ(keys_of(store.history("report", 10)), (std::vector<std::string>{keys[4], keys[3], running.key}))
      << "a running execution is never pruned";
}

TYPED_TEST_P(StoreContract, PrunesClaimsWithTheirExecutionsButNeverYoungOrOwnUnrecordedOnes) {
  Store& store = *this->store;
  Lease mine{"me#1", std::chrono::seconds(30)};
  Lease dead{"dead#1", std::chrono::seconds(30)};
  auto tick = [](std::string_view time) {
    std::string text(time);
    return Claim{"report", "report@" + text.substr(0, 16) + "Z", contract_time(text)};
  };
  std::vector<std::string> keys = this->hourly_runs();
  ASSERT_TRUE(store.claim(tick("2026-03-01T10:00:00Z"), ClaimPurpose::record, dead));  // its run is pruned
  ASSERT_TRUE(store.claim(tick("2026-03-01T09:00:00Z"), ClaimPurpose::record, dead));  // old, never recorded
  ASSERT_TRUE(store.claim(tick("2026-03-01T08:00:00Z"), ClaimPurpose::run, mine));     // about to be recorded
  PruneLimits limits = limits_at_half_past_two(1);
  limits.retention.max_age = std::chrono::minutes(1);
  limits.misfire_grace = std::chrono::minutes(30);  // ticks after 14:00 are younger than the grace
  ASSERT_TRUE(store.claim(tick("2026-03-01T14:20:00Z"), ClaimPurpose::record, dead));  // young, never recorded

  Pruned pruned = store.prune("report", limits, mine);
  EXPECT_EQ(pruned.executions, 4u);
  EXPECT_EQ(pruned.claims, 2u) << "the claim of the pruned 10:00 run and the old unrecorded 09:00 one";
  EXPECT_TRUE(store.claim(tick("2026-03-01T10:00:00Z"), ClaimPurpose::record, dead)) << "its claim was pruned";
  EXPECT_TRUE(store.claim(tick("2026-03-01T09:00:00Z"), ClaimPurpose::record, dead));
  EXPECT_FALSE(store.claim(tick("2026-03-01T14:20:00Z"), ClaimPurpose::record, dead)) << "a young claim went";
  EXPECT_FALSE(store.claim(tick("2026-03-01T08:00:00Z"), ClaimPurpose::record, dead)) << "an own claim went";
}

TYPED_TEST_P(StoreContract, KeepsTheBackfillTrigger) {
  Store& store = *this->store;
  Execution backfilled = this->running("report@2026-03-01T10:00Z", "2026-03-01T10:00:00Z");
  backfilled.trigger = Trigger::backfill;
  store.insert(backfilled);
  Claim tick{"report", "report@2026-03-01T11:00Z", contract_time("2026-03-01T11:00:00Z"), Trigger::backfill};
  ASSERT_TRUE(store.claim(tick, ClaimPurpose::run, Lease{"dead#1", std::chrono::milliseconds(0)}));
  auto history = store.history("report", 10);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].trigger, Trigger::backfill);
  EXPECT_EQ(store.last_tick("report"), std::nullopt) << "a backfilled tick is not where the scheduler resumes";
  bool found = false;
  for (const Claim& claim : store.unrecorded_claims(Lease{"me#1", std::chrono::seconds(30)}))
    if (claim.key == tick.key) found = claim.trigger == Trigger::backfill;
  for (const Claim& claim : store.take_over(std::vector<std::string>{"report"}, Lease{"me#1", std::chrono::seconds(30)}, 3))
    if (claim.key == tick.key) found = claim.trigger == Trigger::backfill;
  EXPECT_TRUE(found) << "the claim's trigger came back as another";
}

REGISTER_TYPED_TEST_SUITE_P(StoreContract, RecordsAndReadsExecutionsNewestFirst, ClaimsATickOnceWhoeverAsks,
                            ClaimsABatchAsClaimWouldOneByOne, WritesAGroupInOrderAndGivesEachNewRowItsId,
                            AnInterruptedRunHasNoFinishTime,
                            NeverCallsAClaimWithAnExecutionOrOneOfItsOwnUnrecorded,
                            KeepsEachJobsLatestPauseAndWhenItWasLifted,
                            CountsAJobsExecutionsWithSomeOutcomesSinceATime,
                            PrunesOnlyExecutionsBeyondBothLimits, PrunesInBoundedCallsAndNeverARunningExecution,
                            PrunesClaimsWithTheirExecutionsButNeverYoungOrOwnUnrecordedOnes, KeepsTheBackfillTrigger);

}  // namespace cron::test

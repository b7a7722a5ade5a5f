// The PostgreSQL store on a real server: claims, leases, takeover and schema creation by several replicas at once.

#include "test_database.hpp"

#include <cron/store.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <limits>
#include <memory>
#include <thread>

namespace cron {
namespace {

using namespace std::chrono_literals;
using test::at;

Claim tick(std::string_view job, std::string_view time) {
  return {std::string(job), idempotency_key(job, at(time)), at(time)};
}

class PostgresStoreTest : public test::PostgresTest {
 protected:
  /// Inserts the running row of an attempt, as a runtime does right after its claim.
  Execution start(Store& store, const Claim& claim, std::string replica) {
    Execution execution;
    execution.job_id = claim.job_id;
    execution.key = claim.key;
    execution.scheduled = claim.scheduled;
    execution.attempt = claim.attempt;
    execution.replica = std::move(replica);
    store.insert(execution);
    return execution;
  }

  Lease a{"a#1", 30s};
  Lease b{"b#1", 30s};
};

TEST_F(PostgresStoreTest, ATickIsClaimedOnceWhoeverAsks) {
  auto first = make_postgres_store(database->uri());
  auto second = make_postgres_store(database->uri());
  auto claim = first->claim(tick("report", "2026-03-01T10:00:00Z"), ClaimPurpose::run, a);
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->attempt, 1);
  EXPECT_FALSE(claim->busy);
  EXPECT_FALSE(second->claim(tick("report", "2026-03-01T10:00:00Z"), ClaimPurpose::run, b));
  EXPECT_FALSE(first->claim(tick("report", "2026-03-01T10:00:00Z"), ClaimPurpose::run, a)) << "claimed twice";
  EXPECT_FALSE(second->claim(tick("report", "2026-03-01T10:00:00Z"), ClaimPurpose::record, b));
  EXPECT_EQ(database->value("SELECT owner FROM cron.claims WHERE key = 'report@2026-03-01T10:00Z'"), "a#1");
}

TEST_F(PostgresStoreTest, ATickIsBusyWhileAnotherTickOfTheJobHoldsALiveLease) {
  auto store = make_postgres_store(database->uri());
  ASSERT_TRUE(store->claim(tick("report", "2026-03-01T10:00:00Z"), ClaimPurpose::run, a));
  auto next = store->claim(tick("report", "2026-03-01T10:01:00Z"), ClaimPurpose::run, b);
  ASSERT_TRUE(next);
  EXPECT_TRUE(next->busy) << "two ticks of one job would run at once";
  EXPECT_EQ(database->value("SELECT done FROM cron.claims WHERE key = 'report@2026-03-01T10:01Z'"), "t");
  auto other_job = store->claim(tick("invoice", "2026-03-01T10:01:00Z"), ClaimPurpose::run, b);
  ASSERT_TRUE(other_job);
  EXPECT_FALSE(other_job->busy);

  store->complete("report@2026-03-01T10:00Z", a);
  auto later = store->claim(tick("report", "2026-03-01T10:02:00Z"), ClaimPurpose::run, b);
  ASSERT_TRUE(later);
  EXPECT_FALSE(later->busy);
}

TEST_F(PostgresStoreTest, ABatchDecidesBusyAgainstLiveClaimsAndCompletesInAGroup) {
  auto first = make_postgres_store(database->uri());
  auto second = make_postgres_store(database->uri());
  ASSERT_TRUE(first->claim(tick("report", "2026-03-01T10:00:00Z"), ClaimPurpose::run, a));
  std::vector<ClaimAsk> asks = {{tick("report", "2026-03-01T10:01:00Z"), ClaimPurpose::run},
                                {tick("invoice", "2026-03-01T10:01:00Z"), ClaimPurpose::run},
                                {tick("report", "2026-03-01T10:00:00Z"), ClaimPurpose::record}};
  auto answers = second->claim_all(asks, b);
  ASSERT_TRUE(answers[0]);
  EXPECT_TRUE(answers[0]->busy) << "two ticks of one job would run at once";
  ASSERT_TRUE(answers[1]);
  EXPECT_FALSE(answers[1]->busy);
  EXPECT_FALSE(answers[2]) << "a's tick was claimed again";

  std::vector<Write> completion = {{Write::Kind::complete, {}, "report@2026-03-01T10:00Z"}};
  first->write_all(completion, a);
  EXPECT_EQ(database->value("SELECT done FROM cron.claims WHERE key = 'report@2026-03-01T10:00Z'"), "t");
  auto later = second->claim(tick("report", "2026-03-01T10:02:00Z"), ClaimPurpose::run, b);
  ASSERT_TRUE(later);
  EXPECT_FALSE(later->busy);
}

TEST_F(PostgresStoreTest, AnAskAgainAfterALostAnswerGetsItsOwnClaimBackAndNoOneElses) {
  auto store = make_postgres_store(database->uri());
  // The first ask committed, but its answer was lost.
  ASSERT_TRUE(store->claim(tick("report", "2026-03-01T10:00:00Z"), ClaimPurpose::run, a));
  std::vector<ClaimAsk> again = {{tick("report", "2026-03-01T10:00:00Z"), ClaimPurpose::run, /*again=*/true}};
  auto mine = store->claim_all(again, a);
  ASSERT_TRUE(mine[0]) << "the tick was lost to this runtime's own claim";
  EXPECT_FALSE(mine[0]->busy);
  EXPECT_FALSE(store->claim_all(again, b)[0]) << "another replica's claim was taken";
  again[0].again = false;
  EXPECT_FALSE(store->claim_all(again, a)[0]) << "claimed twice without a lost answer";
}

TEST_F(PostgresStoreTest, AGroupOrABatchTheServerRefusesLeavesNothingWritten) {
  auto store = make_postgres_store(database->uri());
  database->query(
      "CREATE FUNCTION cron.poison() RETURNS trigger LANGUAGE plpgsql AS "
      "$$ BEGIN IF NEW.job_id = 'poison' THEN RAISE EXCEPTION 'disk is full'; END IF; RETURN NEW; END $$");
  database->query("CREATE TRIGGER poison BEFORE INSERT ON cron.executions FOR EACH ROW EXECUTE FUNCTION cron.poison()");
  database->query("CREATE TRIGGER poison BEFORE INSERT ON cron.claims FOR EACH ROW EXECUTE FUNCTION cron.poison()");

  Execution fine;
  fine.job_id = "report";
  fine.key = "report@2026-03-01T10:00Z";
  Execution poison = fine;
  poison.job_id = "poison";
  std::vector<Write> group = {{Write::Kind::insert, fine}, {Write::Kind::insert, poison}};
  EXPECT_THROW(store->write_all(group, a), StoreError);
  EXPECT_EQ(group[0].execution.id, 0) << "an id of a row that was rolled back";
  EXPECT_EQ(database->value("SELECT count(*) FROM cron.executions"), "0");

  std::vector<ClaimAsk> asks = {{tick("report", "2026-03-01T10:00:00Z")}, {tick("poison", "2026-03-01T10:00:00Z")}};
  EXPECT_THROW(store->claim_all(asks, a), StoreError);
  EXPECT_EQ(database->value("SELECT count(*) FROM cron.claims"), "0");
  EXPECT_TRUE(store->claim(asks[0].tick, ClaimPurpose::run, a)) << "the store is usable after a refused batch";
}

TEST_F(PostgresStoreTest, RenewalKeepsALeaseAndTakeoverWaitsForItsExpiry) {
  auto store = make_postgres_store(database->uri());
  Lease short_lease{"a#1", 400ms};
  ASSERT_TRUE(store->claim(tick("report", "2026-03-01T10:00:00Z"), ClaimPurpose::run, short_lease));
  std::vector<std::string> keys{"report@2026-03-01T10:00Z"};
  std::vector<std::string> jobs{"report"};
  for (int i = 0; i < 4; ++i) {
    std::this_thread::sleep_for(150ms);
    EXPECT_TRUE(store->renew(keys, short_lease).empty());
    EXPECT_TRUE(store->take_over(jobs, b, 2).empty()) << "took over a lease that is renewed";
  }
}

TEST_F(PostgresStoreTest, AnExpiredLeaseIsTakenOverAsTheNextAttemptWithTheSameKey) {
  auto dead = make_postgres_store(database->uri());
  auto alive = make_postgres_store(database->uri());
  Lease short_lease{"a#1", 200ms};
  auto claim = dead->claim(tick("report", "2026-03-01T10:00:00Z"), ClaimPurpose::run, short_lease);
  ASSERT_TRUE(claim);
  start(*dead, *claim, "a");
  std::this_thread::sleep_for(300ms);

  std::vector<std::string> jobs{"report", "invoice"};
  auto taken = alive->take_over(jobs, b, 2);
  ASSERT_EQ(taken.size(), 1u);
  EXPECT_EQ(taken[0].key, "report@2026-03-01T10:00Z");
  EXPECT_EQ(taken[0].job_id, "report");
  EXPECT_EQ(taken[0].scheduled, at("2026-03-01T10:00:00Z"));
  EXPECT_EQ(taken[0].trigger, Trigger::scheduled);
  EXPECT_EQ(taken[0].attempt, 2);
  EXPECT_TRUE(alive->take_over(jobs, b, 2).empty()) << "taken over twice";

  auto history = alive->history("report", 10);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].outcome, Outcome::interrupted);
  EXPECT_EQ(history[0].message, "the replica running it stopped renewing its lease; attempt 2 runs on another replica");

  std::vector<std::string> keys{"report@2026-03-01T10:00Z"};
  EXPECT_EQ(dead->renew(keys, short_lease), keys) << "the dead owner still holds the lease";
  EXPECT_TRUE(alive->renew(keys, b).empty());
  dead->complete(keys[0], short_lease);
  EXPECT_EQ(database->value("SELECT done FROM cron.claims"), "f") << "a former owner completed the new owner's claim";
  alive->complete(keys[0], b);
  EXPECT_EQ(database->value("SELECT done FROM cron.claims"), "t");
}

TEST_F(PostgresStoreTest, ATickPastItsAttemptsIsClosedInsteadOfTakenOver) {
  auto store = make_postgres_store(database->uri());
  Lease short_lease{"a#1", 100ms};
  auto claim = store->claim(tick("report", "2026-03-01T10:00:00Z"), ClaimPurpose::run, short_lease);
  ASSERT_TRUE(claim);
  start(*store, *claim, "a");
  claim->attempt = 2;
  start(*store, *claim, "a");  // a local retry, then the process died
  std::this_thread::sleep_for(200ms);
  std::vector<std::string> jobs{"report"};
  EXPECT_TRUE(store->take_over(jobs, b, 2).empty());
  EXPECT_EQ(database->value("SELECT done FROM cron.claims"), "t");
  EXPECT_EQ(database->value("SELECT count(*) FROM cron.executions WHERE outcome = 'interrupted'"), "2");
  EXPECT_EQ(store->history("report", 1)[0].message,
            "the replica running it stopped renewing its lease; no attempts are left");
}

TEST_F(PostgresStoreTest, ARecordClaimIsDoneAtOnce) {
  auto store = make_postgres_store(database->uri());
  auto claim = store->claim(tick("report", "2026-03-01T10:00:00Z"), ClaimPurpose::record, a);
  ASSERT_TRUE(claim);
  EXPECT_FALSE(claim->busy);
  EXPECT_EQ(database->value("SELECT done FROM cron.claims"), "t");
  auto next = store->claim(tick("report", "2026-03-01T10:01:00Z"), ClaimPurpose::run, b);
  ASSERT_TRUE(next);
  EXPECT_FALSE(next->busy);
}

TEST_F(PostgresStoreTest, StartupMarksOnlyRunsWhoseLeaseExpiredAsInterrupted) {
  auto store = make_postgres_store(database->uri());
  auto live = store->claim(tick("report", "2026-03-01T10:00:00Z"), ClaimPurpose::run, a);
  auto dead = store->claim(tick("invoice", "2026-03-01T10:00:00Z"), ClaimPurpose::run, Lease{"c#1", 100ms});
  ASSERT_TRUE(live && dead);
  start(*store, *live, "a");
  start(*store, *dead, "c");
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(make_postgres_store(database->uri())->mark_interrupted(), 1u);
  EXPECT_EQ(store->history("report", 1)[0].outcome, Outcome::running) << "a live replica's run was interrupted";
  EXPECT_EQ(store->history("invoice", 1)[0].outcome, Outcome::interrupted);
}

TEST_F(PostgresStoreTest, RecordsAndReadsExecutionsLikeTheOtherStores) {
  auto store = make_postgres_store(database->uri());
  Execution execution;
  execution.job_id = "report";
  execution.key = "report@2026-03-01T10:00Z";
  execution.scheduled = at("2026-03-01T10:00:00Z");
  execution.started = TimePoint(at("2026-03-01T10:00:00Z")) + 250ms;
  execution.replica = "a";
  store->insert(execution);
  EXPECT_GT(execution.id, 0);
  execution.outcome = Outcome::failed;
  execution.finished = execution.started + 1500ms;
  execution.message = "it's \"broken\"";
  store->finish(execution);
  Execution manual = execution;
  manual.key = "report@manual-2026-03-01T11:00:00.000Z";
  manual.trigger = Trigger::manual;
  manual.scheduled = at("2026-03-01T11:00:00Z");
  store->insert(manual);

  auto history = store->history("report", 10);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].trigger, Trigger::manual);
  const Execution& read = history[1];
  EXPECT_EQ(read.key, execution.key);
  EXPECT_EQ(read.scheduled, execution.scheduled);
  EXPECT_EQ(read.outcome, Outcome::failed);
  EXPECT_EQ(read.started, execution.started);
  EXPECT_EQ(read.duration(), 1500ms);
  EXPECT_EQ(read.message, "it's \"broken\"");
  EXPECT_EQ(read.replica, "a");
  EXPECT_EQ(store->history("report", 10, history[0].id).size(), 1u);
  EXPECT_EQ(store->history("report", std::numeric_limits<std::size_t>::max()).size(), 2u);
  EXPECT_EQ(store->last_tick("report"), at("2026-03-01T10:00:00Z")) << "a manual run is not a tick";
  EXPECT_EQ(store->last_tick("invoice"), std::nullopt);
}

TEST_F(PostgresStoreTest, SeveralReplicasCreateTheSchemaAtOnce) {
  constexpr int kReplicas = 8;
  std::latch ready(kReplicas);
  std::vector<std::unique_ptr<Store>> stores(kReplicas);
  std::vector<std::string> errors(kReplicas);
  std::vector<std::thread> threads;
  for (int i = 0; i < kReplicas; ++i) {
    threads.emplace_back([&, i] {
      ready.arrive_and_wait();
      try {
        stores[i] = make_postgres_store(database->uri());
      } catch (const std::exception& error) {
        errors[i] = error.what();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int i = 0; i < kReplicas; ++i) EXPECT_EQ(errors[i], "") << "replica " << i;
  EXPECT_EQ(database->query("SELECT version FROM cron.schema_version ORDER BY version"),
            (std::vector<std::vector<std::string>>{{"1"}, {"2"}, {"3"}, {"4"}}));

  // Every replica then races for the same tick: one wins.
  std::latch go(kReplicas);
  std::atomic<int> won{0};
  threads.clear();
  for (int i = 0; i < kReplicas; ++i) {
    threads.emplace_back([&, i] {
      go.arrive_and_wait();
      if (stores[i] && stores[i]->claim(tick("report", "2026-03-01T10:00:00Z"), ClaimPurpose::run,
                                        Lease{"r" + std::to_string(i), 30s}))
        ++won;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(won, 1);
}

TEST_F(PostgresStoreTest, ASchemaAtVersion2IsMigratedWithItsHistory) {
  start(*make_postgres_store(database->uri()), tick("report", "2026-03-01T10:00:00Z"), "a");
  // What a cronc before pauses and retention left: schema version 2, no pauses table, no claims_by_job index.
  database->query("DROP TABLE cron.pauses");
  database->query("DROP INDEX cron.claims_by_job");
  database->query("DELETE FROM cron.schema_version WHERE version >= 3");
  auto store = make_postgres_store(database->uri());
  EXPECT_EQ(database->query("SELECT version FROM cron.schema_version ORDER BY version"),
            (std::vector<std::vector<std::string>>{{"1"}, {"2"}, {"3"}, {"4"}}));
  EXPECT_EQ(store->history("report", 10).size(), 1u);
  EXPECT_TRUE(store->pauses().empty());
  store->pause("report", {TimePoint(at("2026-03-01T10:30:00Z")), "ops", "after the migration"});
  ASSERT_EQ(store->pauses().size(), 1u);
  EXPECT_EQ(store->pauses()[0].pause.note, "after the migration");
}

TEST_F(PostgresStoreTest, AWrongURIFailsAtOnceWithTheServersMessage) {
  try {
    make_postgres_store("postgresql://nobody@127.0.0.1:1/none");
    FAIL() << "no exception";
  } catch (const StoreError& error) {  // unreachable: one line naming the store, never an abort
    EXPECT_NE(std::string(error.what()).find("postgresql: cannot connect:"), std::string::npos) << error.what();
    EXPECT_EQ(std::string(error.what()).find('\n'), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace cron

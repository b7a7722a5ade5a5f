// health_of(): the state a job is in, from its last finished run, its next tick, the time and whether it is
// paused, on times set by hand.

#include <cron/health.hpp>
#include <cron/schedule.hpp>

#include <gtest/gtest.h>

#include <vector>

namespace cron {
namespace {

using namespace std::chrono_literals;

std::chrono::sys_seconds at(std::string_view text) {
  std::chrono::sys_seconds time;
  EXPECT_TRUE(parse_utc(text, time)) << text;
  return time;
}

/// A job due at 10:00 with the default 60 s grace, looked at `now`.
HealthFacts due_at_ten(std::string_view now, std::optional<Outcome> last = std::nullopt) {
  return {.last_finished = last, .next_due = at("2026-03-01T10:00:00Z"), .now = TimePoint(at(now))};
}

TEST(HealthTest, FollowsTheLastFinishedRun) {
  EXPECT_EQ(health_of(due_at_ten("2026-03-01T09:30:00Z")), Health::never_ran);
  EXPECT_EQ(health_of(due_at_ten("2026-03-01T09:30:00Z", Outcome::succeeded)), Health::up);
  for (Outcome outcome : {Outcome::failed, Outcome::timed_out, Outcome::interrupted})
    EXPECT_EQ(health_of(due_at_ten("2026-03-01T09:30:00Z", outcome)), Health::failing) << to_string(outcome);
}

TEST(HealthTest, IsLateOnlyPastTheGrace) {
  EXPECT_EQ(health_of(due_at_ten("2026-03-01T10:01:00Z", Outcome::succeeded)), Health::up) << "at the grace";
  EXPECT_EQ(health_of(due_at_ten("2026-03-01T10:01:01Z", Outcome::succeeded)), Health::late);
  EXPECT_EQ(health_of(due_at_ten("2026-03-01T10:01:01Z", Outcome::failed)), Health::late);
  EXPECT_EQ(health_of(due_at_ten("2026-03-01T10:01:01Z")), Health::late) << "a new job can be late too";
  HealthFacts patient = due_at_ten("2026-03-01T10:04:00Z", Outcome::succeeded);
  patient.misfire_grace = 5min;
  EXPECT_EQ(health_of(patient), Health::up);
  HealthFacts disabled = due_at_ten("2026-03-02T00:00:00Z", Outcome::succeeded);
  disabled.next_due.reset();
  EXPECT_EQ(health_of(disabled), Health::up) << "a disabled scheduler has no due tick";
}

TEST(HealthTest, PausedWinsOverEverything) {
  HealthFacts paused = due_at_ten("2026-03-01T12:00:00Z", Outcome::failed);
  paused.paused = true;
  EXPECT_EQ(health_of(paused), Health::paused);
}

TEST(HealthTest, NamesTheStatesAsTheApiDoes) {
  std::vector<std::string_view> names;
  for (Health health : kHealthStates) names.push_back(to_string(health));
  EXPECT_EQ(names, (std::vector<std::string_view>{"new", "up", "failing", "late", "paused"}));
}

TEST(HealthTest, TheLastFinishedRunSkipsTicksNotRunAndRunsInProgress) {
  auto execution = [](Outcome outcome) {
    Execution e;
    e.outcome = outcome;
    return e;
  };
  std::vector<Execution> newest_first = {execution(Outcome::running), execution(Outcome::skipped),
                                         execution(Outcome::missed), execution(Outcome::failed),
                                         execution(Outcome::succeeded)};
  EXPECT_EQ(last_finished_outcome(newest_first), Outcome::failed);
  newest_first.erase(newest_first.begin() + 3);
  EXPECT_EQ(last_finished_outcome(newest_first), Outcome::succeeded);
  newest_first.pop_back();
  EXPECT_EQ(last_finished_outcome(newest_first), std::nullopt);
}

}  // namespace
}  // namespace cron

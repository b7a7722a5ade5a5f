// GET /metrics: what the counters count (this replica's runs, each once, from when the dashboard was made), the
// gauges, label escaping, and the whole text checked by promtool.

#include "dashboard_fixture.hpp"
#include "shell_command.hpp"

#include <filesystem>
#include <fstream>

namespace cron::testing_dashboard {
namespace {

/// `promtool check metrics` over `text`: its exit status and what it printed.
std::pair<int, std::string> promtool_check(const std::string& text) {
  auto path = std::filesystem::path(::testing::TempDir()) /
              ("metrics-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".txt");
  std::ofstream(path) << text;
  auto result = cronc::testing::run_command(std::string(CRONC_TEST_PROMTOOL) + " check metrics < " +
                                            cronc::testing::shell_quote(path.string()));
  std::filesystem::remove(path);
  return {result.exit_code, result.output};
}

#define EXPECT_PROMTOOL_ACCEPTS(text)                                                                    \
  do {                                                                                                   \
    if (std::string_view(CRONC_TEST_PROMTOOL).empty())                                                   \
      GTEST_SKIP() << "promtool is not installed (Debian package prometheus); CI installs it";           \
    auto [status, output] = promtool_check(text);                                                        \
    EXPECT_EQ(status, 0) << "promtool check metrics:\n" << output << "\nover:\n" << (text);              \
  } while (false)

bool has_line(const std::string& text, const std::string& line) {
  return text.starts_with(line + "\n") || text.find("\n" + line + "\n") != std::string::npos;
}

#define EXPECT_LINE(text, line) EXPECT_TRUE(has_line(text, line)) << "no line: " << (line) << "\nin:\n" << (text)

/// Seconds since the epoch, as the metrics print a whole second.
std::string epoch(std::string_view time) { return std::to_string(at(time).time_since_epoch().count()); }

class MetricsTest : public DashboardTest {
 protected:
  std::string metrics() {
    auto result = get("/metrics");
    EXPECT_EQ(result->status, 200);
    return result->body;
  }

  /// Records an execution by hand, as this replica (or another) would have.
  std::int64_t record(std::string job, Outcome outcome, std::chrono::milliseconds took,
                      std::string replica = "test-replica", std::string_view finished = "2026-03-01T09:00:00Z") {
    Execution execution;
    execution.job_id = std::move(job);
    execution.key = idempotency_key(execution.job_id, at("2026-03-01T09:00:00Z"));
    execution.scheduled = at("2026-03-01T09:00:00Z");
    execution.outcome = outcome;
    execution.finished = TimePoint(at(finished));
    execution.started = *execution.finished - took;
    execution.replica = std::move(replica);
    store->insert(execution);
    return execution.id;
  }
};

TEST_F(MetricsTest, ARunThatIgnoresItsCancelShowsAsStuckAfterThirtySeconds) {
  serve();
  runtime->start();
  gate.close();
  ASSERT_EQ(post("/cron/api/jobs/nightly-report/run")->status, 202);
  gate.wait_until_entered();
  ASSERT_EQ(post("/cron/api/jobs/nightly-report/cancel")->status, 202);
  EXPECT_LINE(metrics(), R"(cronjob_stuck{cronjob="nightly-report"} 0)");
  clock->set(clock->now() + kStuckAfter);
  runtime->wait_until_ticks_handled();
  EXPECT_LINE(metrics(), R"(cronjob_stuck{cronjob="nightly-report"} 1)");
  EXPECT_EQ(json_of(get("/cron/api/jobs/nightly-report"))["job"]["stuck"], 1);
  gate.open();
  runtime->wait_until_idle();
  EXPECT_LINE(metrics(), R"(cronjob_stuck{cronjob="nightly-report"} 0)");
}

TEST_F(MetricsTest, CountsRunsAndTicksNotRunByJobAndOutcome) {
  serve();
  runtime->start();
  advance_to("2026-03-01T10:00:00Z");  // nightly-report succeeds
  advance_to("2026-03-01T10:30:00Z");  // import-feed fails
  gate.close();
  clock->set(TimePoint(at("2026-03-01T12:00:00Z")));  // nightly-report starts and waits; import-feed missed 11:30
  gate.wait_until_entered();
  clock->set(TimePoint(at("2026-03-01T14:00:00Z")));  // nightly-report 14:00 skipped; import-feed missed 12:30, 13:30
  runtime->wait_until_ticks_handled();
  runtime->wait_until_recorded();  // the skipped and missed rows, which the recorder writes after the claims

  std::string during = metrics();
  EXPECT_LINE(during, R"(cronjob_running{cronjob="nightly-report"} 1)");
  EXPECT_LINE(during, R"(cronjob_running{cronjob="import-feed"} 0)");
  EXPECT_LINE(during, R"(cronjob_runs_total{cronjob="nightly-report",outcome="succeeded"} 1)");
  EXPECT_LINE(during, R"(cronjob_skipped_total{cronjob="nightly-report",reason="overlap"} 1)");

  gate.open();
  runtime->wait_until_idle();
  std::string after = metrics();
  EXPECT_LINE(after, R"(cronjob_running{cronjob="nightly-report"} 0)");
  EXPECT_LINE(after, R"(cronjob_runs_total{cronjob="nightly-report",outcome="succeeded"} 2)");
  EXPECT_LINE(after, R"(cronjob_runs_total{cronjob="nightly-report",outcome="failed"} 0)");
  EXPECT_LINE(after, R"(cronjob_runs_total{cronjob="import-feed",outcome="failed"} 1)");
  EXPECT_LINE(after, R"(cronjob_runs_total{cronjob="import-feed",outcome="succeeded"} 0)");
  EXPECT_LINE(after, R"(cronjob_runs_total{cronjob="import-feed",outcome="timed_out"} 0)");
  EXPECT_LINE(after, R"(cronjob_runs_total{cronjob="import-feed",outcome="interrupted"} 0)");
  EXPECT_LINE(after, R"(cronjob_skipped_total{cronjob="nightly-report",reason="overlap"} 1)");
  EXPECT_LINE(after, R"(cronjob_skipped_total{cronjob="nightly-report",reason="missed"} 0)");
  EXPECT_LINE(after, R"(cronjob_skipped_total{cronjob="import-feed",reason="missed"} 3)");
  EXPECT_LINE(after, R"(cronjob_run_duration_seconds_count{cronjob="nightly-report"} 2)");
  EXPECT_LINE(after, R"(cronjob_run_duration_seconds_bucket{cronjob="nightly-report",le="+Inf"} 2)");
  EXPECT_LINE(after, R"(cronjob_run_duration_seconds_count{cronjob="import-feed"} 1)");
  EXPECT_LINE(after, "cronjob_next_run_timestamp_seconds{cronjob=\"nightly-report\"} " +
                         epoch("2026-03-01T16:00:00Z"));
  EXPECT_LINE(after, "cronjob_next_run_timestamp_seconds{cronjob=\"import-feed\"} " +
                         epoch("2026-03-01T14:30:00Z"));
  EXPECT_LINE(after, R"(cronjob_state{cronjob="nightly-report",state="up"} 1)");
  EXPECT_LINE(after, R"(cronjob_state{cronjob="nightly-report",state="failing"} 0)");
  EXPECT_LINE(after, R"(cronjob_state{cronjob="import-feed",state="failing"} 1)");
  EXPECT_LINE(after, R"(cronjob_state{cronjob="import-feed",state="up"} 0)");
  EXPECT_LINE(after, R"(cronjob_state{cronjob="import-feed",state="new"} 0)");
  EXPECT_LINE(after, R"(cronjob_state{cronjob="import-feed",state="late"} 0)");
  EXPECT_LINE(after, R"(cronjob_state{cronjob="import-feed",state="paused"} 0)");
  EXPECT_LINE(after, R"(cronjob_interval_seconds{cronjob="nightly-report"} 7200)");
  EXPECT_LINE(after, R"(cronjob_interval_seconds{cronjob="import-feed"} 3600)");
  EXPECT_NE(after.find("cronjob_last_success_timestamp_seconds{cronjob=\"nightly-report\"} "), std::string::npos);
  EXPECT_EQ(after.find("cronjob_last_success_timestamp_seconds{cronjob=\"import-feed\"}"), std::string::npos)
      << "a job that never succeeded has no last success";
  EXPECT_EQ(metrics(), after) << "a scrape counted something twice";
  // Prometheus sets `job` itself and would rename ours to `exported_job`.
  EXPECT_EQ(after.find("{job="), std::string::npos);
  EXPECT_EQ(after.find(",job="), std::string::npos);
  EXPECT_PROMTOOL_ACCEPTS(after);
}

TEST_F(MetricsTest, CountsThisReplicasRunsOnceEachFromWhenTheDashboardWasMade) {
  make_runtime();
  record("nightly-report", Outcome::succeeded, 10ms);  // before the dashboard: not counted
  serve();
  record("nightly-report", Outcome::succeeded, 50ms);
  record("nightly-report", Outcome::failed, 2000ms);
  record("nightly-report", Outcome::succeeded, 10ms, "other-replica", "2026-03-01T09:30:00Z");
  record("nightly-report", Outcome::skipped, 0ms);
  record("nightly-report", Outcome::missed, 0ms);
  Execution running;
  running.job_id = "nightly-report";
  running.key = "nightly-report@manual-2026-03-01T09:59:30.000Z";
  running.started = TimePoint(at("2026-03-01T09:40:00Z"));
  running.replica = "test-replica";
  running.trigger = Trigger::manual;
  store->insert(running);
  record("nightly-report", Outcome::timed_out, 20min);

  std::string first = metrics();
  EXPECT_LINE(first, R"(cronjob_runs_total{cronjob="nightly-report",outcome="succeeded"} 1)");
  EXPECT_LINE(first, R"(cronjob_runs_total{cronjob="nightly-report",outcome="failed"} 1)");
  EXPECT_LINE(first, R"(cronjob_runs_total{cronjob="nightly-report",outcome="timed_out"} 1)");
  EXPECT_LINE(first, R"(cronjob_skipped_total{cronjob="nightly-report",reason="overlap"} 1)");
  EXPECT_LINE(first, R"(cronjob_skipped_total{cronjob="nightly-report",reason="missed"} 1)");
  // The histogram: 0.05 s, 2 s and 1200 s.
  EXPECT_LINE(first, R"(cronjob_run_duration_seconds_bucket{cronjob="nightly-report",le="0.01"} 0)");
  EXPECT_LINE(first, R"(cronjob_run_duration_seconds_bucket{cronjob="nightly-report",le="0.1"} 1)");
  EXPECT_LINE(first, R"(cronjob_run_duration_seconds_bucket{cronjob="nightly-report",le="1"} 1)");
  EXPECT_LINE(first, R"(cronjob_run_duration_seconds_bucket{cronjob="nightly-report",le="5"} 2)");
  EXPECT_LINE(first, R"(cronjob_run_duration_seconds_bucket{cronjob="nightly-report",le="900"} 2)");
  EXPECT_LINE(first, R"(cronjob_run_duration_seconds_bucket{cronjob="nightly-report",le="1800"} 3)");
  EXPECT_LINE(first, R"(cronjob_run_duration_seconds_bucket{cronjob="nightly-report",le="+Inf"} 3)");
  EXPECT_LINE(first, R"(cronjob_run_duration_seconds_sum{cronjob="nightly-report"} 1202.05)");
  EXPECT_LINE(first, R"(cronjob_run_duration_seconds_count{cronjob="nightly-report"} 3)");
  // The last success of any replica: the other one's, at 09:30.
  EXPECT_LINE(first, "cronjob_last_success_timestamp_seconds{cronjob=\"nightly-report\"} " +
                         epoch("2026-03-01T09:30:00Z"));

  // The run that was going at the first scrape counts once it finished, and only once.
  running.outcome = Outcome::succeeded;
  running.finished = TimePoint(at("2026-03-01T09:45:00Z"));
  store->finish(running);
  std::string second = metrics();
  EXPECT_LINE(second, R"(cronjob_runs_total{cronjob="nightly-report",outcome="succeeded"} 2)");
  EXPECT_LINE(second, R"(cronjob_run_duration_seconds_count{cronjob="nightly-report"} 4)");
  EXPECT_LINE(second, "cronjob_last_success_timestamp_seconds{cronjob=\"nightly-report\"} " +
                          epoch("2026-03-01T09:45:00Z"));
  EXPECT_EQ(metrics(), second);
  EXPECT_PROMTOOL_ACCEPTS(second);
}

TEST_F(MetricsTest, ReadsBackPastAFullPageOfNewExecutions) {
  serve();
  for (int i = 0; i < 450; ++i) record("nightly-report", Outcome::succeeded, 1ms);
  EXPECT_LINE(metrics(), R"(cronjob_runs_total{cronjob="nightly-report",outcome="succeeded"} 450)");
}

constexpr JobDefinition kOddlyNamedJobs[] = {
    {"say \"hi\"\\now\nplease", "Odd", "every:60", Schedule::every_minutes(60).value(), &report, "test::report"},
};

TEST_F(MetricsTest, EscapesLabelValues) {
  make_runtime(kOddlyNamedJobs);
  serve();
  std::string text = metrics();
  EXPECT_LINE(text, R"(cronjob_running{cronjob="say \"hi\"\\now\nplease"} 0)");
  EXPECT_PROMTOOL_ACCEPTS(text);
}

TEST_F(MetricsTest, ADisabledSchedulerHasNoNextRun) {
  Options options;
  options.clock = clock;
  options.store = "memory:";
  options.disabled = true;
  runtime = std::make_unique<Runtime>(std::move(options), kJobs);
  serve();
  runtime->start();
  std::string text = metrics();
  EXPECT_EQ(text.find("cronjob_next_run_timestamp_seconds{"), std::string::npos) << text;
  EXPECT_EQ(text.find("cronjob_interval_seconds{"), std::string::npos) << text;
  EXPECT_EQ(json_of(get("/cron/api/jobs"))["jobs"][0]["next_run"], nullptr);
  EXPECT_PROMTOOL_ACCEPTS(text);
}

}  // namespace
}  // namespace cron::testing_dashboard

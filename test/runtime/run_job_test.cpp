// `--cron-run-job ID [--cron-scheduled-time T]`: one tick per process, for platform schedulers.

#include <cron/platform_tick.hpp>
#include <cron/run_job.hpp>

#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>

namespace cron {
namespace {

using std::chrono::sys_seconds;

std::atomic<int> runs{0};
std::string last_key;

Status succeed() {
  ++runs;
  last_key = std::string(current_execution()->key);
  return Status::success();
}
Status fail() { return Status::failure("no mail server"); }

constexpr JobDefinition kJobs[] = {
    {"fails", "Fails", "every:60", Schedule::every_minutes(60).value(), &fail, "test::fail"},
    {"succeeds", "Succeeds", "every:60", Schedule::every_minutes(60).value(), &succeed, "test::succeed"},
    {.id = "jittered", .title = "Jittered", .schedule_text = "every:60", .schedule = Schedule::every_minutes(60).value(),
     .run = &succeed, .endpoint = "test::succeed", .jitter = std::chrono::seconds(300)},
};

Options memory_options() {
  Options options;
  options.store = "memory:";
  return options;
}

TEST(RunJobFromArgs, IgnoresACommandLineWithoutTheFlag) {
  const char* argv[] = {"shop", "--verbose"};
  Options options = memory_options();
  EXPECT_EQ(run_job_from_args(2, argv, options, kJobs), std::nullopt);
}

TEST(RunJobFromArgs, RunsTheTickWithTheKeyTheSchedulerWouldUse) {
  const char* argv[] = {"shop", "--cron-run-job", "succeeds", "--cron-scheduled-time", "2026-03-01T10:00:00Z"};
  Options options = memory_options();
  int before = runs;
  EXPECT_EQ(run_job_from_args(5, argv, options, kJobs), 0);
  EXPECT_EQ(runs, before + 1);
  EXPECT_EQ(last_key, "succeeds@2026-03-01T10:00Z");
}

TEST(RunJobFromArgs, APausedJobsTickIsNeitherRunNorRecordedAndExitsZero) {
  auto path = std::filesystem::temp_directory_path() / ("cronc-run-job-paused-" + std::to_string(::getpid()) + ".db");
  make_sqlite_store(path.string())->pause("succeeds", {TimePoint(), "ops", "the mail server moves"});
  const char* argv[] = {"shop", "--cron-run-job", "succeeds", "--cron-scheduled-time", "2026-03-01T10:00:00Z"};
  Options options;
  options.store = "sqlite:" + path.string();
  int before = runs;
  EXPECT_EQ(run_job_from_args(5, argv, options, kJobs), 0);
  EXPECT_EQ(runs, before) << "a paused job ran";
  EXPECT_TRUE(make_sqlite_store(path.string())->history("succeeds", 10).empty()) << "a paused tick was recorded";
  for (const char* suffix : {"", "-wal", "-shm", ".lock"}) std::filesystem::remove(path.string() + suffix);
}

TEST(RunJobFromArgs, AcceptsEpochSecondsAndTheEqualsForm) {
  const char* argv[] = {"shop", "--cron-run-job=succeeds", "--cron-scheduled-time=1772359200"};
  Options options = memory_options();
  EXPECT_EQ(run_job_from_args(3, argv, options, kJobs), 0);
  EXPECT_EQ(last_key, "succeeds@2026-03-01T10:00Z");
}

TEST(RunJobFromArgs, TakesTheExactTickFromTheKubernetesJobName) {
  const char* argv[] = {"shop", "--cron-run-job", "succeeds"};
  Options options = memory_options();
  ::setenv(std::string(kJobNameVariable).c_str(), "shop-succeeds-29539320", 1);
  int status = run_job_from_args(3, argv, options, kJobs).value_or(-1);
  ::unsetenv(std::string(kJobNameVariable).c_str());
  EXPECT_EQ(status, 0);
  EXPECT_EQ(last_key, "succeeds@2026-03-01T10:00Z");
}

TEST(RunJobFromArgs, AJitteredStartBelongsToTheTickBeforeIt) {
  const char* argv[] = {"shop", "--cron-run-job", "jittered"};
  Options options = memory_options();
  sys_seconds tick;
  ASSERT_TRUE(parse_utc("2026-03-01T10:00:00Z", tick));
  // systemd started the service 3 minutes 20 seconds late, within the job's 5-minute jitter.
  options.clock = std::make_shared<ManualClock>(tick + std::chrono::seconds(200));
  EXPECT_EQ(run_job_from_args(3, argv, options, kJobs), 0);
  EXPECT_EQ(last_key, "jittered@2026-03-01T10:00Z");
}

TEST(TickFromJobName, ReadsTheMinutesAfterTheLastDash) {
  EXPECT_EQ(tick_from_job_name("shop-succeeds-29539320"), sys_seconds(std::chrono::seconds(1772359200)));
  EXPECT_EQ(tick_from_job_name("report-2-29539320"), sys_seconds(std::chrono::seconds(1772359200)));
  EXPECT_EQ(tick_from_job_name("shop-succeeds"), std::nullopt);
  EXPECT_EQ(tick_from_job_name("shop-succeeds-"), std::nullopt);
  EXPECT_EQ(tick_from_job_name("29539320"), std::nullopt);
  EXPECT_EQ(tick_from_job_name("shop-12345678901"), std::nullopt);
}

TEST(RunJobFromArgs, ATickAnotherProcessClaimedRunsOnceAndExitsZero) {
  auto path = std::filesystem::temp_directory_path() / ("cronc-run-job-twice-" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  const char* argv[] = {"shop", "--cron-run-job", "succeeds", "--cron-scheduled-time", "2026-03-01T11:00:00Z"};
  int before = runs;
  for (int process = 0; process < 2; ++process) {
    Options options;
    options.store = "sqlite:" + path.string();
    EXPECT_EQ(run_job_from_args(5, argv, options, kJobs), 0) << "process " << process;
  }
  EXPECT_EQ(runs, before + 1);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

TEST(RunJobFromArgs, AFailureExitsNonZero) {
  const char* argv[] = {"shop", "--cron-run-job", "fails"};
  Options options = memory_options();
  EXPECT_EQ(run_job_from_args(3, argv, options, kJobs), 1);
}

TEST(RunJobFromArgs, AnUnknownJobOrBadTimeIsAUsageError) {
  const char* unknown[] = {"shop", "--cron-run-job", "nope"};
  Options options = memory_options();
  EXPECT_EQ(run_job_from_args(3, unknown, options, kJobs), 2);
  const char* bad_time[] = {"shop", "--cron-run-job", "succeeds", "--cron-scheduled-time", "yesterday"};
  Options more_options = memory_options();
  EXPECT_EQ(run_job_from_args(5, bad_time, more_options, kJobs), 2);
}

}  // namespace
}  // namespace cron

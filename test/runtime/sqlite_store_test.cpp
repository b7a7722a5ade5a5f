// The SQLite store's faults for real: bad files are one clear StoreError, a file serves one process, and another
// connection holding the file's write lock across a tick makes that tick late, never the runtime frozen.

#include "shell_command.hpp"
#include "sqlite_file.hpp"
#include "utc_time.hpp"

#include <cron/runtime.hpp>

#include <gtest/gtest.h>

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <future>

namespace cron {
namespace {

using namespace std::chrono_literals;
using std::chrono::sys_seconds;

constexpr auto at = test::utc;

std::string host_pid() {
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return std::string(host) + ":" + std::to_string(getpid());
}

/// The StoreError's message, or "no error".
template <class Open>
std::string error_of(Open open) {
  try {
    open();
  } catch (const StoreError& error) {
    return error.what();
  }
  return "no error";
}

class SqliteStoreTest : public testing::Test {
 protected:
  void SetUp() override {
    dir = std::filesystem::temp_directory_path() /
          ("cronc-sqlite-" + std::string(testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" +
           std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    path = (dir / "cron.db").string();
  }
  void TearDown() override {
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all);
    std::filesystem::remove_all(dir);
  }

  /// Runs the service program (test/runtime/sqlite_service_main.cpp) on `store`, as `user` when given.
  cronc::testing::CommandResult run_service(const std::string& store, const std::string& user = {}) {
    std::string command = user.empty() ? "" : "runuser -u " + user + " -- ";
    command += cronc::testing::shell_quote(CRONC_SQLITE_SERVICE) + " --store " +
               cronc::testing::shell_quote(store) + " --start 2026-03-01T07:59:30Z";
    return cronc::testing::run_command(command);
  }

  std::filesystem::path dir;
  std::string path;
};

TEST_F(SqliteStoreTest, AFileThatIsNotADatabaseIsNamed) {
  std::ofstream(path) << "name,email\nada,ada@example.com\n";
  EXPECT_EQ(error_of([&] { make_sqlite_store(path); }), "sqlite:" + path + ": file is not a database");
}

TEST_F(SqliteStoreTest, APageCorruptedFileIsNamedAtOpen) {
  {
    auto store = make_sqlite_store(path);
    for (int i = 0; i < 300; ++i) {
      Execution execution;
      execution.job_id = "report";
      execution.key = "report@" + std::to_string(i);
      execution.message = std::string(200, 'x');
      store->insert(execution);
    }
  }
  {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(4096 * 3);
    std::string garbage(4096, '\x5a');
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  std::string message = error_of([&] { make_sqlite_store(path); });
  EXPECT_TRUE(message.starts_with("sqlite:" + path + ": ")) << message;
  EXPECT_NE(message.find("corrupt"), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

TEST_F(SqliteStoreTest, ASchemaNewerThanThisCroncIsRefused) {
  make_sqlite_store(path);
  test::sqlite_rows(path, "INSERT INTO schema_version (version) VALUES (99)");
  EXPECT_EQ(error_of([&] { make_sqlite_store(path); }),
            "sqlite:" + path + ": the file's schema is version 99, newer than this cronc knows (5); upgrade cronc");
}

TEST_F(SqliteStoreTest, AFileAtSchemaVersion3IsMigratedWithItsHistory) {
  {
    auto store = make_sqlite_store(path);
    Execution execution;
    execution.job_id = "report";
    execution.key = "report@2026-03-01T10:00Z";
    execution.outcome = Outcome::succeeded;
    store->insert(execution);
  }
  // What a cronc before pauses and retention left: schema version 3, no pauses table, no claims_by_job index,
  // and the file without incremental vacuum.
  test::sqlite_rows(path, "DROP TABLE pauses");
  test::sqlite_rows(path, "DROP INDEX claims_by_job");
  test::sqlite_rows(path, "DELETE FROM schema_version WHERE version >= 4");
  test::sqlite_script(path, "PRAGMA journal_mode = DELETE; PRAGMA auto_vacuum = NONE; VACUUM");
  ASSERT_EQ(test::sqlite_rows(path, "PRAGMA auto_vacuum"), (std::vector<std::vector<std::string>>{{"0"}}));
  auto store = make_sqlite_store(path);
  EXPECT_EQ(test::sqlite_rows(path, "SELECT MAX(version) FROM schema_version"),
            (std::vector<std::vector<std::string>>{{"5"}}));
  EXPECT_EQ(test::sqlite_rows(path, "PRAGMA auto_vacuum"), (std::vector<std::vector<std::string>>{{"2"}}))
      << "the migration switches the file to incremental vacuum";
  EXPECT_EQ(store->history("report", 10).size(), 1u);
  EXPECT_TRUE(store->pauses().empty());
  store->pause("report", {TimePoint(at("2026-03-01T10:30:00Z")), "ops", "after the migration"});
  ASSERT_EQ(store->pauses().size(), 1u);
  EXPECT_EQ(store->pauses()[0].pause.note, "after the migration");
}

TEST_F(SqliteStoreTest, ASecondStoreOnAFileInUseNamesItsHolderAndPointsToPostgres) {
  auto first = make_sqlite_store(path);
  EXPECT_EQ(error_of([&] { make_sqlite_store(path); }),
            "sqlite:" + path + ": the file is in use by " + host_pid() +
                "; a SQLite store serves one process at a time, so run several replicas on PostgreSQL "
                "(CRON_STORE=postgresql://..., docs/replicas.md)");
  first.reset();
  EXPECT_EQ(error_of([&] { make_sqlite_store(path); }), "no error") << "the lock outlived its store";
}

TEST_F(SqliteStoreTest, ASecondProcessOnAFileInUseExitsTwoWithOneLine) {
  auto held = make_sqlite_store(path);
  auto result = run_service("sqlite:" + path);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.output, "cronc_sqlite_service: sqlite:" + path + ": the file is in use by " + host_pid() +
                               "; a SQLite store serves one process at a time, so run several replicas on "
                               "PostgreSQL (CRON_STORE=postgresql://..., docs/replicas.md)\n");
}

TEST_F(SqliteStoreTest, AnUnknownStoreExitsTwoWithOneLine) {
  auto result = run_service("foo:bar");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.output,
            "cronc_sqlite_service: unknown store 'foo:bar'; use memory:, sqlite:PATH or postgresql://... "
            "(CRON_STORE or cron::Options::store)\n");
}

/// Root writes read-only files, so the read-only cases run the service as `nobody` when the test runs as root.
std::string unprivileged_user() { return ::geteuid() == 0 ? "nobody" : ""; }

TEST_F(SqliteStoreTest, AReadOnlyDirectoryExitsTwoWithOneLine) {
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all | std::filesystem::perms::others_read |
                                        std::filesystem::perms::others_exec | std::filesystem::perms::group_read |
                                        std::filesystem::perms::group_exec);
  std::filesystem::permissions(dir, std::filesystem::perms::owner_write, std::filesystem::perm_options::remove);
  if (::geteuid() != 0) {
    auto result = run_service("sqlite:" + path);
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.output, "cronc_sqlite_service: sqlite:" + path + ": cannot create the lock file " + path +
                                 ".lock: Permission denied (the directory is read-only for this process)\n");
    return;
  }
  auto result = run_service("sqlite:" + path, unprivileged_user());
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_EQ(result.output, "cronc_sqlite_service: sqlite:" + path + ": cannot create the lock file " + path +
                               ".lock: Permission denied (the directory is read-only for this process)\n");
}

TEST_F(SqliteStoreTest, AReadOnlyFileExitsTwoWithOneLine) {
  make_sqlite_store(path);
  std::filesystem::permissions(dir, std::filesystem::perms::all);  // the lock file can be written
  std::filesystem::permissions(path + ".lock", std::filesystem::perms::all);
  for (const char* suffix : {"", "-wal", "-shm"}) {
    if (std::filesystem::exists(path + suffix))
      std::filesystem::permissions(path + suffix, std::filesystem::perms::owner_read |
                                                      std::filesystem::perms::group_read |
                                                      std::filesystem::perms::others_read);
  }
  auto result = run_service("sqlite:" + path, unprivileged_user());
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_EQ(result.output, "cronc_sqlite_service: sqlite:" + path +
                               ": the file is read-only for this process; cronc records every run in it\n");
}

Status succeed() { return Status::success(); }
constexpr JobDefinition kJobs[] = {
    {"report", "Report", "every:120", Schedule::every_minutes(120).value(), &succeed, "test::succeed"},
};

/// Another program holding the file's write lock (`BEGIN EXCLUSIVE`) until released.
TEST_F(SqliteStoreTest, AGroupOrABatchTheFileRefusesLeavesNothingWritten) {
  auto store = make_sqlite_store(path);
  for (const char* table : {"executions", "claims"}) {
    test::sqlite_rows(path, std::string("CREATE TRIGGER poison_") + table + " BEFORE INSERT ON " + table +
                                " WHEN NEW.job_id = 'poison' BEGIN SELECT RAISE(ABORT, 'disk is full'); END");
  }
  Lease lease{"a#1"};
  Execution fine;
  fine.job_id = "report";
  fine.key = "report@2026-03-01T10:00Z";
  Execution poison = fine;
  poison.job_id = "poison";
  std::vector<Write> group = {{Write::Kind::insert, fine}, {Write::Kind::insert, poison}};
  EXPECT_EQ(error_of([&] { store->write_all(group, lease); }), "sqlite:" + path + ": disk is full");
  EXPECT_EQ(group[0].execution.id, 0) << "an id of a row that was rolled back";
  EXPECT_TRUE(store->history("report", 10).empty());

  Claim tick{"report", "report@2026-03-01T10:00Z", at("2026-03-01T10:00:00Z")};
  std::vector<ClaimAsk> asks = {{tick}, {Claim{"poison", "poison@2026-03-01T10:00Z", at("2026-03-01T10:00:00Z")}}};
  EXPECT_EQ(error_of([&] { store->claim_all(asks, lease); }), "sqlite:" + path + ": disk is full");
  EXPECT_TRUE(store->claim(tick, ClaimPurpose::run, lease)) << "the refused batch claimed report's tick";
}

class ExclusiveLock {
 public:
  explicit ExclusiveLock(const std::string& path) {
    sqlite3_open(path.c_str(), &db_);
    EXPECT_EQ(sqlite3_exec(db_, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db_);
  }
  ~ExclusiveLock() { sqlite3_close(db_); }
  void release() { sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr); }

 private:
  sqlite3* db_ = nullptr;
};

TEST_F(SqliteStoreTest, AFileLockedAcrossATickMakesItLateButFreezesNothingAndRunsItOnce) {
  auto clock = std::make_shared<ManualClock>(TimePoint(at("2026-03-01T09:59:30Z")));
  Options options;
  options.clock = clock;
  options.store_instance = make_sqlite_store(path, 300ms);  // a short busy_timeout keeps the test short
  options.log = nullptr;
  Runtime runtime(std::move(options), kJobs);
  runtime.start();
  runtime.wait_until_idle();

  ExclusiveLock lock(path);
  clock->set(TimePoint(at("2026-03-01T10:00:00Z")));
  runtime.wait_until_ticks_handled();  // the claim waited its busy_timeout and failed
  auto reads = std::async(std::launch::async, [&] { return runtime.snapshot().size(); });
  ASSERT_EQ(reads.wait_for(30s), std::future_status::ready) << "the dashboard froze";
  EXPECT_EQ(reads.get(), 1u);
  lock.release();
  clock->set(TimePoint(at("2026-03-01T10:00:01Z")));  // claimed again a second later
  runtime.wait_until_idle();
  auto history = runtime.history("report", 10);
  ASSERT_EQ(history.size(), 1u) << "the tick was lost or run twice";
  EXPECT_EQ(history[0].key, "report@2026-03-01T10:00Z");
  EXPECT_EQ(history[0].outcome, Outcome::succeeded);

  ExclusiveLock again(path);
  auto stopping = std::async(std::launch::async, [&] { return runtime.stop(1s); });
  EXPECT_EQ(stopping.wait_for(30s), std::future_status::ready) << "stop() froze on a locked file";
  again.release();
}

TEST_F(SqliteStoreTest, PruningAJobWithNothingOldTakesNoWriteLock) {
  auto store = make_sqlite_store(path, 100ms);
  Lease lease{"me#1", 30s};
  Execution young;
  young.job_id = "report";
  young.key = "report@2026-03-01T10:00Z";
  young.scheduled = at("2026-03-01T10:00:00Z");
  young.started = TimePoint(at("2026-03-01T10:00:00Z"));
  young.outcome = Outcome::succeeded;
  store->insert(young);
  ASSERT_TRUE(store->claim({"report", young.key, young.scheduled}, ClaimPurpose::record, lease));
  PruneLimits limits{HistoryRetention{0, std::chrono::hours(1)}, at("2026-03-01T10:30:00Z")};

  ExclusiveLock lock(path);  // a writer holds the file: only reads get through
  Pruned pruned;
  EXPECT_EQ(error_of([&] { pruned = store->prune("report", limits, lease); }), "no error")
      << "it waited for the writer";
  EXPECT_EQ(pruned.executions + pruned.claims, 0u);
  limits.now = at("2026-03-01T11:30:00Z");  // now the run and its claim are old
  EXPECT_EQ(error_of([&] { store->prune("report", limits, lease); }), "sqlite:" + path + ": database is locked");
  lock.release();
  pruned = store->prune("report", limits, lease);
  EXPECT_EQ(pruned.executions, 1u);
  EXPECT_EQ(pruned.claims, 1u);
}

}  // namespace
}  // namespace cron

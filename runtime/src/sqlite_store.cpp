// The embedded default store: one SQLite file in WAL mode with a versioned schema.

#include <cron/store.hpp>

#include <sqlite3.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace cron {

namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

/// Each step takes the schema from version N to N+1; the `schema_version` table says where a file is.
constexpr const char* kMigrations[] = {
    R"sql(
    CREATE TABLE executions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      job_id TEXT NOT NULL,
      key TEXT NOT NULL,
      scheduled INTEGER NOT NULL,
      trigger TEXT NOT NULL,
      attempt INTEGER NOT NULL,
      outcome TEXT NOT NULL,
      started_ms INTEGER NOT NULL,
      finished_ms INTEGER NOT NULL,
      message TEXT NOT NULL,
      replica TEXT NOT NULL
    );
    CREATE INDEX executions_by_job ON executions (job_id, id);
    CREATE INDEX executions_by_tick ON executions (job_id, trigger, scheduled);
    )sql",
    // One row per claimed tick: a second claim of a key fails on the primary key.
    R"sql(
    CREATE TABLE claims (
      key TEXT PRIMARY KEY,
      job_id TEXT NOT NULL,
      scheduled INTEGER NOT NULL,
      trigger TEXT NOT NULL,
      owner TEXT NOT NULL
    );
    )sql",
};

class Statement {
 public:
  /// `persistent`: kept and reused for many calls (SQLITE_PREPARE_PERSISTENT).
  Statement(sqlite3* db, const char* sql, bool persistent = false) : db_(db) {
    if (sqlite3_prepare_v3(db, sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0, &statement_, nullptr) !=
        SQLITE_OK)
      throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db));
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value) {
    sqlite3_bind_int64(statement_, index, value);
    return *this;
  }
  Statement& bind(int index, std::string_view value) {
    sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
  }
  /// True while there is a row.
  bool step() {
    int status = sqlite3_step(statement_);
    if (status == SQLITE_ROW) return true;
    if (status == SQLITE_DONE) return false;
    throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db_));
  }
  std::int64_t integer(int column) const { return sqlite3_column_int64(statement_, column); }
  bool is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }
  std::string text(int column) const {
    const auto* value = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
    return value == nullptr ? std::string() : std::string(value);
  }
  /// Ends the statement's run (and so any read it holds open) for its next use.
  void reset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

/// A cached statement for the length of one call: reset when it goes, so no read transaction outlives the call.
class InUse {
 public:
  explicit InUse(Statement& statement) : statement_(statement) {}
  ~InUse() { statement_.reset(); }
  InUse(const InUse&) = delete;
  InUse& operator=(const InUse&) = delete;
  Statement* operator->() { return &statement_; }

 private:
  Statement& statement_;
};

std::int64_t to_ms(TimePoint time) { return duration_cast<milliseconds>(time.time_since_epoch()).count(); }
TimePoint from_ms(std::int64_t ms) { return TimePoint(duration_cast<TimePoint::duration>(milliseconds(ms))); }

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK) {
      std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw std::runtime_error("cannot open the SQLite store '" + path + "': " + message);
    }
    sqlite3_busy_timeout(db_, 5000);
    execute("PRAGMA journal_mode=WAL");
    execute("PRAGMA synchronous=NORMAL");
    migrate();
  }
  ~SqliteStore() override {
    statements_.clear();  // finalized before the connection closes
    sqlite3_close(db_);
  }

  void insert(Execution& e) override {
    std::lock_guard lock(mutex_);
    InUse statement = use("INSERT INTO executions (job_id, key, scheduled, trigger, attempt, outcome, started_ms, "
                          "finished_ms, message, replica) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    statement->bind(1, e.job_id).bind(2, e.key).bind(3, e.scheduled.time_since_epoch().count());
    statement->bind(4, e.trigger == Trigger::manual ? "manual" : "scheduled").bind(5, e.attempt);
    statement->bind(6, to_string(e.outcome)).bind(7, to_ms(e.started)).bind(8, to_ms(e.finished));
    statement->bind(9, e.message).bind(10, e.replica);
    statement->step();
    e.id = sqlite3_last_insert_rowid(db_);
  }

  void finish(const Execution& e) override {
    std::lock_guard lock(mutex_);
    InUse statement = use("UPDATE executions SET outcome = ?1, finished_ms = ?2, message = ?3 WHERE id = ?4");
    statement->bind(1, to_string(e.outcome)).bind(2, to_ms(e.finished)).bind(3, e.message).bind(4, e.id);
    statement->step();
  }

  std::optional<std::chrono::sys_seconds> last_tick(std::string_view job_id) override {
    std::lock_guard lock(mutex_);
    InUse statement = use("SELECT MAX(scheduled) FROM executions WHERE job_id = ?1 AND trigger = 'scheduled'");
    statement->bind(1, job_id);
    if (!statement->step() || statement->is_null(0)) return std::nullopt;
    return std::chrono::sys_seconds(std::chrono::seconds(statement->integer(0)));
  }

  std::vector<Execution> history(std::string_view job_id, std::size_t limit, std::int64_t before_id) override {
    std::lock_guard lock(mutex_);
    InUse statement = use("SELECT id, job_id, key, scheduled, trigger, attempt, outcome, started_ms, finished_ms, "
                          "message, replica FROM executions WHERE job_id = ?1 AND (?2 = 0 OR id < ?2) "
                          "ORDER BY id DESC LIMIT ?3");
    statement->bind(1, job_id).bind(2, before_id).bind(3, static_cast<std::int64_t>(limit));
    std::vector<Execution> result;
    while (statement->step()) {
      Execution e;
      e.id = statement->integer(0);
      e.job_id = statement->text(1);
      e.key = statement->text(2);
      e.scheduled = std::chrono::sys_seconds(std::chrono::seconds(statement->integer(3)));
      e.trigger = statement->text(4) == "manual" ? Trigger::manual : Trigger::scheduled;
      e.attempt = static_cast<int>(statement->integer(5));
      e.outcome = outcome_from_string(statement->text(6)).value_or(Outcome::interrupted);
      e.started = from_ms(statement->integer(7));
      e.finished = from_ms(statement->integer(8));
      e.message = statement->text(9);
      e.replica = statement->text(10);
      result.push_back(std::move(e));
    }
    return result;
  }

  std::size_t mark_interrupted() override {
    std::lock_guard lock(mutex_);
    InUse statement = use("UPDATE executions SET outcome = 'interrupted', message = 'the process stopped while it "
                          "ran' WHERE outcome = 'running'");
    statement->step();
    return static_cast<std::size_t>(sqlite3_changes(db_));
  }

  /// One process per file: a claim never expires, and a second claim of a key is refused.
  std::optional<Claim> claim(const Claim& tick, ClaimPurpose, const Lease& lease) override {
    std::lock_guard lock(mutex_);
    InUse statement = use("INSERT INTO claims (key, job_id, scheduled, trigger, owner) VALUES (?1, ?2, ?3, ?4, ?5) "
                          "ON CONFLICT (key) DO NOTHING");
    statement->bind(1, tick.key).bind(2, tick.job_id).bind(3, tick.scheduled.time_since_epoch().count());
    statement->bind(4, tick.trigger == Trigger::manual ? "manual" : "scheduled").bind(5, lease.owner);
    statement->step();
    if (sqlite3_changes(db_) == 0) return std::nullopt;
    Claim claim = tick;
    claim.attempt = 1;
    claim.busy = false;
    return claim;
  }

 private:
  /// The statement for `sql`, prepared on its first use and kept: `sql` is a literal, so its address names it.
  InUse use(const char* sql) {
    std::unique_ptr<Statement>& statement = statements_[sql];
    if (!statement) statement = std::make_unique<Statement>(db_, sql, true);
    return InUse(*statement);
  }

  void execute(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error != nullptr ? error : "unknown error";
      sqlite3_free(error);
      throw std::runtime_error("sqlite: " + message);
    }
  }

  /// Applies the migrations the file has not seen, each in its own transaction.
  void migrate() {
    execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    execute("BEGIN IMMEDIATE");
    try {
      Statement current(db_, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
      current.step();
      auto version = static_cast<std::size_t>(current.integer(0));
      for (std::size_t step = version; step < std::size(kMigrations); ++step) {
        execute(kMigrations[step]);
        Statement record(db_, "INSERT INTO schema_version (version) VALUES (?1)");
        record.bind(1, static_cast<std::int64_t>(step + 1)).step();
      }
      execute("COMMIT");
    } catch (...) {
      execute("ROLLBACK");
      throw;
    }
  }

  sqlite3* db_ = nullptr;
  std::mutex mutex_;  ///< the cached statements are used by one call at a time
  std::unordered_map<const char*, std::unique_ptr<Statement>> statements_;
};

}  // namespace

std::unique_ptr<Store> make_sqlite_store(const std::string& path) { return std::make_unique<SqliteStore>(path); }

}  // namespace cron

// The embedded default store: one SQLite file in WAL mode with a versioned schema, used by one process at a time
// (a lock on a file beside it says which). Writes and reads go through two connections, so a reader (the
// dashboard) never waits behind a write that waits for a lock.

#include "process_name.hpp"
#include "stores/rows.hpp"

#include <cron/store.hpp>

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace cron {

namespace {

using stores::from_seconds;
using stores::to_ms;
using stores::to_seconds;

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
    // A run that has not finished has no finish time (NULL, not 1970); executions are found by key, so a claim
    // without one is found at the next start.
    R"sql(
    CREATE TABLE executions_v3 (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      job_id TEXT NOT NULL,
      key TEXT NOT NULL,
      scheduled INTEGER NOT NULL,
      trigger TEXT NOT NULL,
      attempt INTEGER NOT NULL,
      outcome TEXT NOT NULL,
      started_ms INTEGER NOT NULL,
      finished_ms INTEGER,
      message TEXT NOT NULL,
      replica TEXT NOT NULL
    );
    INSERT INTO executions_v3 SELECT id, job_id, key, scheduled, trigger, attempt, outcome, started_ms,
      CASE WHEN outcome IN ('running', 'interrupted') THEN NULL ELSE finished_ms END, message, replica
      FROM executions;
    DROP TABLE executions;
    ALTER TABLE executions_v3 RENAME TO executions;
    CREATE INDEX executions_by_job ON executions (job_id, id);
    CREATE INDEX executions_by_tick ON executions (job_id, trigger, scheduled);
    CREATE INDEX executions_by_key ON executions (key);
    )sql",
    // Each job's latest pause (docs/runtime.md, "Pause and resume"); resumed_ms is NULL while it lasts.
    R"sql(
    CREATE TABLE pauses (
      job_id TEXT PRIMARY KEY,
      paused_ms INTEGER NOT NULL,
      paused_by TEXT NOT NULL,
      note TEXT NOT NULL,
      resumed_ms INTEGER
    );
    )sql",
    // Retention (docs/dashboard.md): prune() finds a job's old claims by job. The file also switches to
    // auto_vacuum=INCREMENTAL, which needs a VACUUM outside this transaction: migrate() does it once.
    R"sql(
    CREATE INDEX claims_by_job ON claims (job_id, scheduled);
    )sql",
};

/// PRAGMA auto_vacuum's value for INCREMENTAL: freed pages go back to the file system at `incremental_vacuum`.
constexpr std::int64_t kIncrementalVacuum = 2;

class Statement {
 public:
  Statement(sqlite3* db, const std::string& label, const char* sql) : db_(db), label_(label) {
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement_, nullptr) != SQLITE_OK)
      throw StoreError(label_ + ": " + sqlite3_errmsg(db));
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
  Statement& bind(int index, std::optional<TimePoint> time) {
    if (time) return bind(index, to_ms(*time));
    sqlite3_bind_null(statement_, index);
    return *this;
  }
  /// True while there is a row.
  bool step() {
    int status = sqlite3_step(statement_);
    if (status == SQLITE_ROW) return true;
    if (status == SQLITE_DONE) return false;
    throw StoreError(label_ + ": " + sqlite3_errmsg(db_));
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
  const std::string& label_;
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
  const Statement& row() const { return statement_; }

 private:
  Statement& statement_;
};

/// One connection to the file with its cached statements, used by one call at a time.
class Connection {
 public:
  Connection(const std::string& path, const std::string& label, std::chrono::milliseconds busy_timeout)
      : label_(label) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK) {
      std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      db_ = nullptr;
      throw StoreError(label_ + ": cannot open the file: " + message);
    }
    sqlite3_busy_timeout(db_, static_cast<int>(busy_timeout.count()));
  }
  ~Connection() {
    statements_.clear();  // finalized before the connection closes
    sqlite3_close(db_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  std::mutex mutex;  ///< the cached statements are used by one call at a time

  sqlite3* db() const { return db_; }

  /// The statement for `sql`, prepared on its first use and kept: `sql` is a literal, so its address names it.
  InUse use(const char* sql) {
    std::unique_ptr<Statement>& statement = statements_[sql];
    if (!statement) statement = std::make_unique<Statement>(db_, label_, sql);
    return InUse(*statement);
  }

  /// Runs `body` in one write transaction; rolls back when it throws.
  template <class Body>
  void transaction(Body body) {
    execute("BEGIN IMMEDIATE");
    try {
      body();
      execute("COMMIT");
    } catch (...) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }

  void execute(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error != nullptr ? error : sqlite3_errmsg(db_);
      sqlite3_free(error);
      throw StoreError(label_ + ": " + message);
    }
  }

 private:
  const std::string& label_;
  sqlite3* db_ = nullptr;
  std::unordered_map<const char*, std::unique_ptr<Statement>> statements_;
};

/// An exclusive lock on `PATH.lock`, which holds the holder's `host:pid`: one process per SQLite file. The kernel
/// drops it when the process dies, however it dies.
class FileLock {
 public:
  FileLock(const std::string& path, const std::string& label) {
    std::string lock_path = path + ".lock";
    fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) {
      throw StoreError(label + ": cannot create the lock file " + lock_path + ": " + std::strerror(errno) +
                       (errno == EACCES || errno == EROFS ? " (the directory is read-only for this process)" : ""));
    }
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      char holder[300] = {};
      ssize_t size = ::pread(fd_, holder, sizeof holder - 1, 0);
      std::string name = size > 0 ? std::string(holder, static_cast<std::size_t>(size)) : "another process";
      ::close(fd_);
      throw StoreError(label + ": the file is in use by " + name +
                       "; a SQLite store serves one process at a time, so run several replicas on PostgreSQL "
                       "(CRON_STORE=postgresql://..., docs/replicas.md)");
    }
    std::string me = process_name();
    if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, me.data(), me.size(), 0) != static_cast<ssize_t>(me.size())) {
      // The lock holds without its holder's name; a second process is refused all the same.
    }
  }
  ~FileLock() { ::close(fd_); }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(const std::string& path, std::chrono::milliseconds busy_timeout)
      : label_("sqlite:" + path), lock_(path, label_), writer_(path, label_, busy_timeout) {
    if (sqlite3_db_readonly(writer_.db(), "main") == 1)
      throw StoreError(label_ + ": the file is read-only for this process; cronc records every run in it");
    // Before journal_mode, whose change writes a new file's header: a new file takes it at once, an existing one
    // in migrate().
    writer_.execute("PRAGMA auto_vacuum=INCREMENTAL");
    writer_.execute("PRAGMA journal_mode=WAL");
    writer_.execute("PRAGMA synchronous=NORMAL");
    check_integrity();
    migrate();
    reader_ = std::make_unique<Connection>(path, label_, busy_timeout);
  }

  void insert(Execution& e) override {
    std::lock_guard lock(writer_.mutex);
    insert_row(e);
  }

  void finish(const Execution& e) override {
    std::lock_guard lock(writer_.mutex);
    finish_row(e);
  }

  std::optional<std::chrono::sys_seconds> last_tick(std::string_view job_id) override {
    std::lock_guard lock(reader_->mutex);
    InUse statement =
        reader_->use("SELECT MAX(scheduled) FROM executions WHERE job_id = ?1 AND trigger = 'scheduled'");
    statement->bind(1, job_id);
    if (!statement->step() || statement->is_null(0)) return std::nullopt;
    return from_seconds(statement->integer(0));
  }

  std::vector<Execution> history(std::string_view job_id, std::size_t limit, std::int64_t before_id) override {
    std::lock_guard lock(reader_->mutex);
    InUse statement = reader_->use(
        "SELECT id, job_id, key, scheduled, trigger, attempt, outcome, started_ms, finished_ms, message, replica "
        "FROM executions WHERE job_id = ?1 AND (?2 = 0 OR id < ?2) ORDER BY id DESC LIMIT ?3");
    statement->bind(1, job_id).bind(2, before_id).bind(3, static_cast<std::int64_t>(limit));
    std::vector<Execution> result;
    while (statement->step()) result.push_back(stores::execution_from_row(statement.row()));
    return result;
  }

  std::size_t mark_interrupted() override {
    std::lock_guard lock(writer_.mutex);
    InUse statement = writer_.use(
        "UPDATE executions SET outcome = 'interrupted', finished_ms = NULL, "
        "message = 'the process stopped while it ran' WHERE outcome = 'running'");
    statement->step();
    return static_cast<std::size_t>(sqlite3_changes(writer_.db()));
  }

  /// One process per file: a claim never expires, and a second claim of a key is refused.
  std::optional<Claim> claim(const Claim& tick, ClaimPurpose, const Lease& lease) override {
    std::lock_guard lock(writer_.mutex);
    return claim_row(tick, lease);
  }

  std::vector<std::optional<Claim>> claim_all(std::span<const ClaimAsk> asks, const Lease& lease) override {
    std::vector<std::optional<Claim>> answers;
    answers.reserve(asks.size());
    std::lock_guard lock(writer_.mutex);
    writer_.transaction([&] {
      for (const ClaimAsk& ask : asks) answers.push_back(claim_row(ask.tick, lease));
    });
    return answers;
  }

  void write_all(std::span<Write> writes, const Lease&) override {
    std::lock_guard lock(writer_.mutex);
    try {
      writer_.transaction([&] {
        for (Write& write : writes) {
          if (write.kind == Write::Kind::insert) insert_row(write.execution);
          if (write.kind == Write::Kind::finish) finish_row(write.execution);
        }
      });
    } catch (...) {
      for (Write& write : writes)
        if (write.kind == Write::Kind::insert) write.execution.id = 0;  // rolled back: no row has that id
      throw;
    }
  }

  /// One transaction of at most max_executions rows, then the freed pages go back to the file system.
  Pruned prune(std::string_view job_id, const PruneLimits& limits, const Lease& lease) override {
    const std::int64_t claim_too_old =
        to_seconds(limits.now - std::max(limits.retention.max_age, limits.misfire_grace));
    Pruned pruned;
    if (!may_prune(job_id, to_ms(TimePoint(limits.now - limits.retention.max_age)), claim_too_old)) return pruned;
    std::lock_guard lock(writer_.mutex);
    writer_.transaction([&] {
      std::vector<std::string> keys;
      std::optional<std::int64_t> newest_beyond;  // the newest execution beyond keep_per_job
      {
        InUse boundary = writer_.use("SELECT id FROM executions WHERE job_id = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2");
        boundary->bind(1, job_id).bind(2, static_cast<std::int64_t>(limits.retention.keep_per_job));
        if (boundary->step()) newest_beyond = boundary->integer(0);
      }
      if (newest_beyond) {
        InUse gone = writer_.use(
            "DELETE FROM executions WHERE id IN (SELECT id FROM executions WHERE job_id = ?1 AND id <= ?2 "
            "AND started_ms < ?3 AND outcome <> 'running' ORDER BY id LIMIT ?4) RETURNING key");
        gone->bind(1, job_id).bind(2, *newest_beyond);
        gone->bind(3, to_ms(TimePoint(limits.now - limits.retention.max_age)));
        gone->bind(4, static_cast<std::int64_t>(limits.max_executions));
        while (gone->step()) keys.push_back(gone->text(0));
        pruned.executions = keys.size();
      }
      for (const std::string& key : keys) {
        InUse claim = writer_.use(
            "DELETE FROM claims WHERE key = ?1 AND scheduled < ?2 "
            "AND NOT EXISTS (SELECT 1 FROM executions e WHERE e.key = ?1)");
        claim->bind(1, key).bind(2, claim_too_old).step();
        pruned.claims += static_cast<std::size_t>(sqlite3_changes(writer_.db()));
      }
      InUse orphans = writer_.use(
          "DELETE FROM claims WHERE key IN (SELECT key FROM claims c WHERE job_id = ?1 AND scheduled < ?2 "
          "AND owner <> ?3 AND NOT EXISTS (SELECT 1 FROM executions e WHERE e.key = c.key) LIMIT ?4)");
      orphans->bind(1, job_id).bind(2, claim_too_old).bind(3, lease.owner);
      orphans->bind(4, static_cast<std::int64_t>(limits.max_executions)).step();
      pruned.claims += static_cast<std::size_t>(sqlite3_changes(writer_.db()));
    });
    if (pruned.executions + pruned.claims > 0) writer_.execute("PRAGMA incremental_vacuum");
    return pruned;
  }

  std::vector<Claim> unrecorded_claims(const Lease& lease) override {
    std::lock_guard lock(reader_->mutex);
    InUse statement = reader_->use(
        "SELECT key, job_id, scheduled, trigger FROM claims c WHERE owner <> ?1 "
        "AND NOT EXISTS (SELECT 1 FROM executions e WHERE e.key = c.key) ORDER BY scheduled, key");
    statement->bind(1, lease.owner);
    std::vector<Claim> claims;
    while (statement->step()) claims.push_back(stores::claim_from_row(statement.row()));
    return claims;
  }

  void pause(std::string_view job_id, const Pause& pause) override {
    std::lock_guard lock(writer_.mutex);
    InUse statement = writer_.use(
        "INSERT INTO pauses (job_id, paused_ms, paused_by, note, resumed_ms) VALUES (?1, ?2, ?3, ?4, NULL) "
        "ON CONFLICT (job_id) DO UPDATE SET paused_ms = excluded.paused_ms, paused_by = excluded.paused_by, "
        "note = excluded.note, resumed_ms = NULL");
    statement->bind(1, job_id).bind(2, to_ms(pause.at)).bind(3, pause.by).bind(4, pause.note);
    statement->step();
  }

  bool resume(std::string_view job_id, TimePoint at) override {
    std::lock_guard lock(writer_.mutex);
    InUse statement =
        writer_.use("UPDATE pauses SET resumed_ms = ?2 WHERE job_id = ?1 AND resumed_ms IS NULL");
    statement->bind(1, job_id).bind(2, to_ms(at));
    statement->step();
    return sqlite3_changes(writer_.db()) > 0;
  }

  std::vector<PauseRecord> pauses() override {
    std::lock_guard lock(reader_->mutex);
    InUse statement =
        reader_->use("SELECT job_id, paused_ms, paused_by, note, resumed_ms FROM pauses ORDER BY job_id");
    std::vector<PauseRecord> records;
    while (statement->step()) records.push_back(stores::pause_from_row(statement.row()));
    return records;
  }

  std::size_t count(std::string_view job_id, std::span<const Outcome> outcomes, TimePoint since) override {
    std::lock_guard lock(reader_->mutex);
    InUse statement = reader_->use(
        "SELECT COUNT(*) FROM executions WHERE job_id = ?1 AND started_ms >= ?2 "
        "AND instr(?3, ',' || outcome || ',') > 0");
    statement->bind(1, job_id).bind(2, to_ms(since)).bind(3, stores::outcome_list(outcomes));
    statement->step();
    return static_cast<std::size_t>(statement->integer(0));
  }

 private:
  /// Whether a job has anything old enough to prune, read without the writer: a pass over many jobs with young
  /// histories then takes no write lock from the recorder. Its oldest execution by id stands for its oldest
  /// start (ids follow inserts; a row inserted after one that started later goes at a later pass).
  bool may_prune(std::string_view job_id, std::int64_t started_before_ms, std::int64_t claimed_before) {
    std::lock_guard lock(reader_->mutex);
    InUse old = reader_->use(
        "SELECT EXISTS (SELECT 1 FROM claims WHERE job_id = ?1 AND scheduled < ?2) "
        "OR (SELECT started_ms FROM executions WHERE job_id = ?1 ORDER BY id LIMIT 1) < ?3");
    old->bind(1, job_id).bind(2, claimed_before).bind(3, started_before_ms);
    return old->step() && old->integer(0) == 1;
  }

  void insert_row(Execution& e) {
    InUse statement = writer_.use(
        "INSERT INTO executions (job_id, key, scheduled, trigger, attempt, outcome, started_ms, finished_ms, "
        "message, replica) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    statement->bind(1, e.job_id).bind(2, e.key).bind(3, to_seconds(e.scheduled)).bind(4, to_string(e.trigger));
    statement->bind(5, e.attempt).bind(6, to_string(e.outcome)).bind(7, to_ms(e.started)).bind(8, e.finished);
    statement->bind(9, e.message).bind(10, e.replica);
    statement->step();
    e.id = sqlite3_last_insert_rowid(writer_.db());
  }

  void finish_row(const Execution& e) {
    InUse statement = writer_.use("UPDATE executions SET outcome = ?1, finished_ms = ?2, message = ?3 WHERE id = ?4");
    statement->bind(1, to_string(e.outcome)).bind(2, e.finished).bind(3, e.message).bind(4, e.id);
    statement->step();
  }

  std::optional<Claim> claim_row(const Claim& tick, const Lease& lease) {
    InUse statement = writer_.use(
        "INSERT INTO claims (key, job_id, scheduled, trigger, owner) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (key) DO NOTHING");
    statement->bind(1, tick.key).bind(2, tick.job_id).bind(3, to_seconds(tick.scheduled));
    statement->bind(4, to_string(tick.trigger)).bind(5, lease.owner);
    statement->step();
    if (sqlite3_changes(writer_.db()) == 0) return std::nullopt;
    Claim claim = tick;
    claim.attempt = 1;
    claim.busy = false;
    return claim;
  }

  /// A file whose pages are damaged is named at start rather than failing later, one call at a time.
  void check_integrity() {
    InUse check = writer_.use("PRAGMA quick_check(1)");
    if (check->step() && check->text(0) != "ok") {
      throw StoreError(label_ + ": the file is corrupt (" + stores::one_line(check->text(0)) +
                       "); restore it from a backup, or move it away to start with an empty history");
    }
  }

  /// Applies the migrations the file has not seen, in one transaction; refuses a schema newer than this build.
  void migrate() {
    writer_.transaction([&] {
      writer_.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
      std::size_t version = 0;
      {
        InUse current = writer_.use("SELECT COALESCE(MAX(version), 0) FROM schema_version");
        current->step();
        version = static_cast<std::size_t>(current->integer(0));
      }
      if (version > std::size(kMigrations)) {
        throw StoreError(label_ + ": the file's schema is version " + std::to_string(version) +
                         ", newer than this cronc knows (" + std::to_string(std::size(kMigrations)) +
                         "); upgrade cronc");
      }
      for (std::size_t step = version; step < std::size(kMigrations); ++step) {
        writer_.execute(kMigrations[step]);
        InUse record = writer_.use("INSERT INTO schema_version (version) VALUES (?1)");
        record->bind(1, static_cast<std::int64_t>(step + 1)).step();
      }
    });
    // A file made before auto_vacuum=INCREMENTAL switches once; VACUUM cannot run in a transaction.
    std::int64_t auto_vacuum = 0;
    {
      InUse mode = writer_.use("PRAGMA auto_vacuum");
      if (mode->step()) auto_vacuum = mode->integer(0);
    }
    if (auto_vacuum != kIncrementalVacuum) writer_.execute("VACUUM");
  }

  std::string label_;  ///< `sqlite:PATH`, the start of every message
  FileLock lock_;
  Connection writer_;
  std::unique_ptr<Connection> reader_;  ///< opened once the schema is current
};

}  // namespace

std::unique_ptr<Store> make_sqlite_store(const std::string& path, std::chrono::milliseconds busy_timeout) {
  return std::make_unique<SqliteStore>(path, busy_timeout);
}

}  // namespace cron

// The store for several replicas of one service: a PostgreSQL database (libpq) holding the executions and one
// claim per tick. A claim is an INSERT on the tick's key that cannot succeed twice; its lease is measured with
// the database's now(), so clock skew between replicas cannot give a tick two owners. docs/replicas.md says what
// this guarantees.

#include <cron/store.hpp>

#include <stdexcept>

#if CRONC_HAVE_LIBPQ

#include <libpq-fe.h>

#include <algorithm>
#include <limits>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace cron {

namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

/// Serialises schema migrations of replicas that start at once (pg_advisory_xact_lock's bigint key: 'cronc').
constexpr const char* kMigrationLock = "426840067683";
/// With hashtext(job_id), the advisory lock that orders claims of one job, so the `busy` check sees every other
/// claim of the job ('cron').
constexpr const char* kJobLockClass = "1668444014";

/// Each step takes the schema `cron` from version N to N+1; `cron.schema_version` says where a database is.
constexpr const char* kMigrations[] = {
    R"sql(
    CREATE TABLE cron.executions (
      id BIGSERIAL PRIMARY KEY,
      job_id TEXT NOT NULL,
      key TEXT NOT NULL,
      scheduled TIMESTAMPTZ NOT NULL,
      trigger TEXT NOT NULL,
      attempt INTEGER NOT NULL,
      outcome TEXT NOT NULL,
      started TIMESTAMPTZ NOT NULL,
      finished TIMESTAMPTZ NOT NULL,
      message TEXT NOT NULL,
      replica TEXT NOT NULL
    );
    CREATE INDEX executions_by_job ON cron.executions (job_id, id);
    CREATE INDEX executions_by_tick ON cron.executions (job_id, trigger, scheduled);
    CREATE INDEX executions_by_key ON cron.executions (key);
    CREATE TABLE cron.claims (
      key TEXT PRIMARY KEY,
      job_id TEXT NOT NULL,
      scheduled TIMESTAMPTZ NOT NULL,
      trigger TEXT NOT NULL,
      owner TEXT NOT NULL,
      attempt INTEGER NOT NULL,
      done BOOLEAN NOT NULL,
      lease_expires TIMESTAMPTZ NOT NULL,
      claimed TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX claims_open ON cron.claims (job_id, lease_expires) WHERE NOT done;
    )sql",
};

constexpr milliseconds kFirstBackoff{250};
constexpr milliseconds kMaxBackoff{8000};

/// Owns one PGresult.
class Result {
 public:
  explicit Result(PGresult* result) : result_(result) {}
  ~Result() { PQclear(result_); }
  Result(Result&& other) noexcept : result_(std::exchange(other.result_, nullptr)) {}
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;

  PGresult* get() const { return result_; }
  int rows() const { return PQntuples(result_); }
  bool is_null(int row, int column) const { return PQgetisnull(result_, row, column) != 0; }
  std::string text(int row, int column) const { return PQgetvalue(result_, row, column); }
  std::int64_t integer(int row, int column) const { return std::stoll(PQgetvalue(result_, row, column)); }
  bool boolean(int row, int column) const { return PQgetvalue(result_, row, column)[0] == 't'; }

 private:
  PGresult* result_;
};

/// A PostgreSQL text array literal (`{"a","b"}`) of `values`.
std::string array_literal(std::span<const std::string> values) {
  std::string literal = "{";
  for (const std::string& value : values) {
    if (literal.size() > 1) literal += ',';
    literal += '"';
    for (char c : value) {
      if (c == '"' || c == '\\') literal += '\\';
      literal += c;
    }
    literal += '"';
  }
  return literal + "}";
}

/// libpq's message on one line: its hints follow on indented lines.
std::string one_line(std::string_view text) {
  std::string line;
  for (char c : text) {
    if (c == '\n' || c == '\t' || c == ' ') {
      if (!line.empty() && line.back() != ' ') line += ' ';
    } else {
      line += c;
    }
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

/// The URI with libpq settings that bound how long a dead server can block a call, unless the URI sets them.
std::string with_connection_defaults(std::string uri) {
  auto add = [&uri](std::string_view name, std::string_view value) {
    if (uri.find(std::string(name) + "=") != std::string::npos) return;
    uri += uri.find('?') == std::string::npos ? '?' : '&';
    uri += std::string(name) + "=" + std::string(value);
  };
  add("connect_timeout", "5");
  add("keepalives_idle", "10");
  add("keepalives_interval", "5");
  add("keepalives_count", "3");
  add("application_name", "cronc");
  return uri;
}

std::string_view trigger_name(Trigger trigger) { return trigger == Trigger::manual ? "manual" : "scheduled"; }

std::int64_t to_ms(TimePoint time) { return duration_cast<milliseconds>(time.time_since_epoch()).count(); }
TimePoint from_ms(std::int64_t ms) { return TimePoint(duration_cast<TimePoint::duration>(milliseconds(ms))); }

class PostgresStore final : public Store {
 public:
  explicit PostgresStore(const std::string& uri) : uri_(with_connection_defaults(uri)) {
    std::lock_guard lock(mutex_);
    connection();  // fail fast on a wrong URI or password
  }
  ~PostgresStore() override { PQfinish(connection_); }
  PostgresStore(const PostgresStore&) = delete;
  PostgresStore& operator=(const PostgresStore&) = delete;

  bool shared() const override { return true; }

  void insert(Execution& e) override {
    std::lock_guard lock(mutex_);
    Result result = run(
        "INSERT INTO cron.executions (job_id, key, scheduled, trigger, attempt, outcome, started, finished, message, "
        "replica) VALUES ($1, $2, to_timestamp($3::double precision), $4, $5::integer, $6, "
        "to_timestamp($7::double precision / 1000), to_timestamp($8::double precision / 1000), $9, $10) RETURNING id",
        {e.job_id, e.key, std::to_string(e.scheduled.time_since_epoch().count()), std::string(trigger_name(e.trigger)),
         std::to_string(e.attempt), std::string(to_string(e.outcome)), std::to_string(to_ms(e.started)),
         std::to_string(to_ms(e.finished)), e.message, e.replica});
    e.id = result.integer(0, 0);
  }

  void finish(const Execution& e) override {
    std::lock_guard lock(mutex_);
    run("UPDATE cron.executions SET outcome = $1, finished = to_timestamp($2::double precision / 1000), message = $3 "
        "WHERE id = $4::bigint",
        {std::string(to_string(e.outcome)), std::to_string(to_ms(e.finished)), e.message, std::to_string(e.id)});
  }

  std::optional<std::chrono::sys_seconds> last_tick(std::string_view job_id) override {
    std::lock_guard lock(mutex_);
    Result result = run(
        "SELECT extract(epoch FROM MAX(scheduled))::bigint FROM cron.executions "
        "WHERE job_id = $1 AND trigger = 'scheduled'",
        {std::string(job_id)});
    if (result.is_null(0, 0)) return std::nullopt;
    return std::chrono::sys_seconds(std::chrono::seconds(result.integer(0, 0)));
  }

  std::vector<Execution> history(std::string_view job_id, std::size_t limit, std::int64_t before_id) override {
    std::lock_guard lock(mutex_);
    Result result = run(
        "SELECT id, job_id, key, extract(epoch FROM scheduled)::bigint, trigger, attempt, outcome, "
        "round(extract(epoch FROM started) * 1000)::bigint, round(extract(epoch FROM finished) * 1000)::bigint, "
        "message, replica FROM cron.executions WHERE job_id = $1 AND ($2::bigint = 0 OR id < $2::bigint) "
        "ORDER BY id DESC LIMIT $3::bigint",
        {std::string(job_id), std::to_string(before_id),
         std::to_string(std::min<std::size_t>(limit, std::numeric_limits<std::int64_t>::max()))});
    std::vector<Execution> executions;
    for (int row = 0; row < result.rows(); ++row) {
      Execution e;
      e.id = result.integer(row, 0);
      e.job_id = result.text(row, 1);
      e.key = result.text(row, 2);
      e.scheduled = std::chrono::sys_seconds(std::chrono::seconds(result.integer(row, 3)));
      e.trigger = result.text(row, 4) == "manual" ? Trigger::manual : Trigger::scheduled;
      e.attempt = static_cast<int>(result.integer(row, 5));
      e.outcome = outcome_from_string(result.text(row, 6)).value_or(Outcome::interrupted);
      e.started = from_ms(result.integer(row, 7));
      e.finished = from_ms(result.integer(row, 8));
      e.message = result.text(row, 9);
      e.replica = result.text(row, 10);
      executions.push_back(std::move(e));
    }
    return executions;
  }

  std::size_t mark_interrupted() override {
    std::lock_guard lock(mutex_);
    run("UPDATE cron.executions e SET outcome = 'interrupted', message = 'the process stopped while it ran' "
        "WHERE outcome = 'running' AND NOT EXISTS (SELECT 1 FROM cron.claims c "
        "WHERE c.key = e.key AND NOT c.done AND c.lease_expires > now())",
        {});
    return affected_;
  }

  std::optional<Claim> claim(const Claim& tick, ClaimPurpose purpose, const Lease& lease) override {
    std::lock_guard lock(mutex_);
    std::vector<std::string> params = {tick.key,
                                       tick.job_id,
                                       std::to_string(tick.scheduled.time_since_epoch().count()),
                                       std::string(trigger_name(tick.trigger)),
                                       lease.owner,
                                       std::to_string(lease.duration.count())};
    std::optional<Claim> claim;
    auto take = [&](const Result& result) {
      if (result.rows() == 0) return;
      claim = tick;
      claim->attempt = 1;
      claim->busy = purpose == ClaimPurpose::run && result.boolean(0, 0);
    };
    if (purpose == ClaimPurpose::record) {
      take(run("INSERT INTO cron.claims (key, job_id, scheduled, trigger, owner, attempt, done, lease_expires) "
               "VALUES ($1, $2, to_timestamp($3::double precision), $4, $5, 1, true, now()) "
               "ON CONFLICT (key) DO NOTHING RETURNING done",
               {params.begin(), params.end() - 1}));
      return claim;
    }
    // The lock orders claims of one job, so the INSERT's snapshot (taken after it) sees every other live claim.
    transaction([&] {
      run("SELECT pg_advisory_xact_lock(" + std::string(kJobLockClass) + ", hashtext($1))", {tick.job_id});
      take(run("INSERT INTO cron.claims (key, job_id, scheduled, trigger, owner, attempt, done, lease_expires) "
               "SELECT $1, $2, to_timestamp($3::double precision), $4, $5, 1, other.busy, "
               "CASE WHEN other.busy THEN now() ELSE now() + $6::double precision * interval '1 millisecond' END "
               "FROM (SELECT EXISTS (SELECT 1 FROM cron.claims WHERE job_id = $2 AND key <> $1 AND NOT done "
               "AND lease_expires > now()) AS busy) AS other "
               "ON CONFLICT (key) DO NOTHING RETURNING done",
               params));
    });
    return claim;
  }

  void complete(std::string_view key, const Lease& lease) override {
    std::lock_guard lock(mutex_);
    run("UPDATE cron.claims SET done = true, lease_expires = now() WHERE key = $1 AND owner = $2",
        {std::string(key), lease.owner});
  }

  std::vector<std::string> renew(std::span<const std::string> keys, const Lease& lease) override {
    if (keys.empty()) return {};
    std::lock_guard lock(mutex_);
    Result result = run(
        "UPDATE cron.claims SET lease_expires = now() + $3::double precision * interval '1 millisecond' "
        "WHERE key = ANY($1::text[]) AND owner = $2 AND NOT done RETURNING key",
        {array_literal(keys), lease.owner, std::to_string(lease.duration.count())});
    std::vector<std::string> lost(keys.begin(), keys.end());
    for (int row = 0; row < result.rows(); ++row) std::erase(lost, result.text(row, 0));
    return lost;
  }

  std::vector<Claim> take_over(std::span<const std::string> job_ids, const Lease& lease, int max_attempts) override {
    if (job_ids.empty()) return {};
    std::lock_guard lock(mutex_);
    std::vector<Claim> claims;
    transaction([&] {
      // SKIP LOCKED: replicas scanning at once take different ticks; a tick another one is taking is not waited on.
      Result expired = run(
          "SELECT key, job_id, extract(epoch FROM scheduled)::bigint, trigger, "
          "GREATEST(attempt, (SELECT COALESCE(MAX(e.attempt), 0) FROM cron.executions e WHERE e.key = c.key)) "
          "FROM cron.claims c WHERE NOT done AND lease_expires < now() AND job_id = ANY($1::text[]) "
          "ORDER BY scheduled LIMIT 16 FOR UPDATE SKIP LOCKED",
          {array_literal(job_ids)});
      for (int row = 0; row < expired.rows(); ++row) {
        Claim claim;
        claim.key = expired.text(row, 0);
        claim.job_id = expired.text(row, 1);
        claim.scheduled = std::chrono::sys_seconds(std::chrono::seconds(expired.integer(row, 2)));
        claim.trigger = expired.text(row, 3) == "manual" ? Trigger::manual : Trigger::scheduled;
        claim.attempt = static_cast<int>(expired.integer(row, 4)) + 1;
        bool closed = claim.attempt > max_attempts;
        run("UPDATE cron.executions SET outcome = 'interrupted', message = $2 WHERE key = $1 AND outcome = 'running'",
            {claim.key, closed ? "the replica running it stopped renewing its lease; no attempts are left"
                               : "the replica running it stopped renewing its lease; attempt " +
                                     std::to_string(claim.attempt) + " runs on another replica"});
        if (closed) {
          run("UPDATE cron.claims SET done = true, lease_expires = now() WHERE key = $1", {claim.key});
          continue;
        }
        run("UPDATE cron.claims SET owner = $2, attempt = $3::integer, "
            "lease_expires = now() + $4::double precision * interval '1 millisecond' WHERE key = $1",
            {claim.key, lease.owner, std::to_string(claim.attempt), std::to_string(lease.duration.count())});
        claims.push_back(std::move(claim));
      }
    });
    return claims;
  }

 private:
  /// The open connection; (re)connects and migrates when there is none, at most once per backoff period.
  PGconn* connection() {
    if (connection_ != nullptr && PQstatus(connection_) == CONNECTION_OK) return connection_;
    disconnect();
    auto now = steady_clock::now();
    if (now < next_attempt_) {
      throw std::runtime_error("postgresql: not connected (" + last_error_ + "); next attempt in " +
                               std::to_string(duration_cast<milliseconds>(next_attempt_ - now).count()) + " ms");
    }
    PGconn* connection = PQconnectdb(uri_.c_str());
    if (PQstatus(connection) != CONNECTION_OK) {
      last_error_ = one_line(PQerrorMessage(connection));
      PQfinish(connection);
      next_attempt_ = now + backoff_;
      backoff_ = std::min(backoff_ * 2, kMaxBackoff);
      throw std::runtime_error("postgresql: cannot connect: " + last_error_);
    }
    connection_ = connection;
    PQsetNoticeProcessor(connection_, [](void*, const char*) {}, nullptr);  // "already exists, skipping"
    try {
      migrate();
    } catch (...) {
      disconnect();
      throw;
    }
    backoff_ = kFirstBackoff;
    lost_ = false;
    return connection_;
  }

  void disconnect() {
    PQfinish(connection_);
    connection_ = nullptr;
  }

  /// Runs one statement with text parameters (or, without parameters, a script of several); throws with the
  /// server's message. A lost connection is dropped, so the next call reconnects (the first time at once, then
  /// with backoff).
  Result run(const std::string& sql, const std::vector<std::string>& params) {
    PGconn* connection = this->connection();
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const std::string& param : params) values.push_back(param.c_str());
    Result result(params.empty() ? PQexec(connection, sql.c_str())
                                 : PQexecParams(connection, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                                values.data(), nullptr, nullptr, 0));
    ExecStatusType status = PQresultStatus(result.get());
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
      const char* tuples = PQcmdTuples(result.get());
      affected_ = tuples[0] == '\0' ? 0 : std::stoull(tuples);
      return result;
    }
    std::string message = one_line(PQerrorMessage(connection));
    if (PQstatus(connection) != CONNECTION_OK) {
      last_error_ = message;
      disconnect();
      if (!lost_) next_attempt_ = steady_clock::now();
      lost_ = true;
    }
    throw std::runtime_error("postgresql: " + message);
  }

  /// Runs `body` in one transaction; rolls back when it throws.
  template <class Body>
  void transaction(Body body) {
    run("BEGIN", {});
    try {
      body();
      run("COMMIT", {});
    } catch (...) {
      if (connection_ != nullptr && PQstatus(connection_) == CONNECTION_OK) PQclear(PQexec(connection_, "ROLLBACK"));
      throw;
    }
  }

  /// Creates the schema or brings it up to date; replicas starting at once wait for each other on an advisory lock.
  void migrate() {
    transaction([&] {
      run("SELECT pg_advisory_xact_lock(" + std::string(kMigrationLock) + ")", {});
      // Only when missing: CREATE SCHEMA needs the CREATE privilege even with IF NOT EXISTS, and a service's user
      // may have it only for the first start.
      if (run("SELECT to_regclass('cron.schema_version') IS NULL", {}).boolean(0, 0)) {
        run("CREATE SCHEMA IF NOT EXISTS cron", {});
        run("CREATE TABLE cron.schema_version (version INTEGER NOT NULL)", {});
      }
      auto version = static_cast<std::size_t>(run("SELECT COALESCE(MAX(version), 0) FROM cron.schema_version", {})
                                                  .integer(0, 0));
      if (version > std::size(kMigrations)) {
        throw std::runtime_error("postgresql: the schema cron is at version " + std::to_string(version) +
                                 ", newer than this cronc knows (" + std::to_string(std::size(kMigrations)) +
                                 "); upgrade cronc");
      }
      for (std::size_t step = version; step < std::size(kMigrations); ++step) {
        run(kMigrations[step], {});
        run("INSERT INTO cron.schema_version (version) VALUES ($1::integer)", {std::to_string(step + 1)});
      }
    });
  }

  std::mutex mutex_;
  std::string uri_;
  PGconn* connection_ = nullptr;
  std::size_t affected_ = 0;
  milliseconds backoff_ = kFirstBackoff;
  steady_clock::time_point next_attempt_{};
  std::string last_error_;
  bool lost_ = false;
};

}  // namespace

std::unique_ptr<Store> make_postgres_store(const std::string& uri) { return std::make_unique<PostgresStore>(uri); }

}  // namespace cron

#else

namespace cron {

std::unique_ptr<Store> make_postgres_store(const std::string&) {
  throw std::runtime_error("this cronc was built without libpq, so it has no PostgreSQL store; install libpq-dev "
                           "and rebuild");
}

}  // namespace cron

#endif

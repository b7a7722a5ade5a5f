// The store for several replicas of one service: a PostgreSQL database (libpq) holding the executions and one
// claim per tick. A claim is an INSERT on the tick's key that cannot succeed twice; its lease is measured with
// the database's now(), so clock skew between replicas cannot give a tick two owners. docs/replicas.md says what
// this guarantees.
//
// libpq rather than libpqxx: every call here waits for its answer with a deadline of its own (libpq's
// asynchronous API and poll()), because a server that is stopped still accepts TCP and so never enforces its own
// statement_timeout; libpqxx offers no per-call deadline.

#include "stores/rows.hpp"

#include <cron/store.hpp>

#if CRONC_HAVE_LIBPQ

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace cron {

namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;
using std::chrono::steady_clock;
using stores::one_line;

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
    // A run that has not finished has no finish time (NULL, not 1970).
    R"sql(
    ALTER TABLE cron.executions ALTER COLUMN finished DROP NOT NULL;
    UPDATE cron.executions SET finished = NULL WHERE outcome IN ('running', 'interrupted');
    )sql",
    // Each job's latest pause (docs/runtime.md, "Pause and resume"); resumed is NULL while it lasts.
    R"sql(
    CREATE TABLE cron.pauses (
      job_id TEXT PRIMARY KEY,
      paused TIMESTAMPTZ NOT NULL,
      paused_by TEXT NOT NULL,
      note TEXT NOT NULL,
      resumed TIMESTAMPTZ
    );
    )sql",
    // Retention (docs/dashboard.md): prune() finds a job's old claims by job.
    R"sql(
    CREATE INDEX claims_by_job ON cron.claims (job_id, scheduled);
    )sql",
};

/// The columns of an execution in stores::ExecutionColumn order.
constexpr std::string_view kExecutionColumns =
    "id, job_id, key, extract(epoch FROM scheduled)::bigint, trigger, attempt, outcome, "
    "round(extract(epoch FROM started) * 1000)::bigint, round(extract(epoch FROM finished) * 1000)::bigint, "
    "message, replica";

constexpr milliseconds kFirstBackoff{250};
constexpr milliseconds kMaxBackoff{8000};
/// How much longer than statement_timeout the client waits for an answer before it gives up on the connection.
constexpr milliseconds kAnswerMargin{1000};

/// Owns one PGresult.
class Result {
 public:
  explicit Result(PGresult* result = nullptr) : result_(result) {}
  ~Result() { PQclear(result_); }
  Result(Result&& other) noexcept : result_(std::exchange(other.result_, nullptr)) {}
  Result& operator=(Result&& other) noexcept {
    std::swap(result_, other.result_);
    return *this;
  }
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

/// One row of a Result, as stores::execution_from_row reads it.
struct Row {
  const Result& result;
  int row;
  std::int64_t integer(int column) const { return result.integer(row, column); }
  std::string text(int column) const { return result.text(row, column); }
  bool is_null(int column) const { return result.is_null(row, column); }
};

/// A statement parameter: text, or NULL when empty.
using Param = std::optional<std::string>;

/// A PostgreSQL array literal (`{"a",NULL}`) of `values`, for a text, bigint or boolean array parameter.
template <class Values>
std::string array_literal(const Values& values) {
  std::string literal = "{";
  for (const auto& value : values) {
    if (literal.size() > 1) literal += ',';
    const Param param(value);
    if (!param) {
      literal += "NULL";
      continue;
    }
    literal += '"';
    for (char c : *param) {
      if (c == '"' || c == '\\') literal += '\\';
      literal += c;
    }
    literal += '"';
  }
  return literal + "}";
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

Param ms_text(std::optional<TimePoint> time) {
  if (!time) return std::nullopt;
  return std::to_string(stores::to_ms(*time));
}

/// One connection, used by one call at a time: (re)connects with backoff, and bounds every statement both on the
/// server (statement_timeout) and here (a deadline on the answer), so a stopped server cannot hold a call.
class Connection {
 public:
  Connection(std::string uri, milliseconds statement_timeout)
      : uri_(std::move(uri)), statement_timeout_(statement_timeout) {}
  ~Connection() { PQfinish(connection_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  std::mutex mutex;  ///< held for the length of one store call

  /// Runs one statement with text parameters, or, without parameters, a script of several (one implicit
  /// transaction, one round trip; its answer is the last statement's that returned rows); throws StoreError with
  /// the server's message.
  Result run(const std::string& sql, const std::vector<Param>& params) {
    PGconn* connection = this->connection();
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const Param& param : params) values.push_back(param ? param->c_str() : nullptr);
    int sent = params.empty() ? PQsendQuery(connection, sql.c_str())
                              : PQsendQueryParams(connection, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                                  values.data(), nullptr, nullptr, 0);
    if (sent == 0) fail(one_line(PQerrorMessage(connection)));
    Result last;
    Result rows;
    std::string error;
    while (true) {
      await_answer(connection);
      Result result(PQgetResult(connection));
      if (result.get() == nullptr) break;
      ExecStatusType status = PQresultStatus(result.get());
      if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && error.empty())
        error = one_line(PQresultErrorMessage(result.get()));
      (status == PGRES_TUPLES_OK ? rows : last) = std::move(result);
    }
    if (rows.get() != nullptr) last = std::move(rows);
    if (!error.empty() || last.get() == nullptr) fail(error.empty() ? one_line(PQerrorMessage(connection)) : error);
    const char* tuples = PQcmdTuples(last.get());
    affected = tuples[0] == '\0' ? 0 : std::stoull(tuples);
    return last;
  }

  /// Runs `body` in one transaction; rolls back when it throws.
  template <class Body>
  void transaction(Body body) {
    run("BEGIN", {});
    try {
      body();
      run("COMMIT", {});
    } catch (...) {
      if (connection_ != nullptr && PQstatus(connection_) == CONNECTION_OK && PQisBusy(connection_) == 0) {
        try {
          run("ROLLBACK", {});
        } catch (const StoreError&) {
        }
      }
      throw;
    }
  }

  /// `text` as an SQL string literal, for a script (which takes no parameters).
  std::string literal(std::string_view text) {
    PGconn* connection = this->connection();
    char* quoted = PQescapeLiteral(connection, text.data(), text.size());
    if (quoted == nullptr) fail(one_line(PQerrorMessage(connection)));
    std::string result(quoted);
    PQfreemem(quoted);
    return result;
  }

  /// Rows the last statement changed.
  std::size_t affected = 0;
  /// Called once per new connection, before any other statement (the migrations).
  std::function<void()> on_connect;

 private:
  /// The open connection; (re)connects when there is none, at most once per backoff period.
  PGconn* connection() {
    if (connection_ != nullptr && PQstatus(connection_) == CONNECTION_OK) return connection_;
    disconnect();
    auto now = steady_clock::now();
    if (now < next_attempt_) {
      throw StoreError("postgresql: not connected (" + last_error_ + "); next attempt in " +
                       std::to_string(duration_cast<milliseconds>(next_attempt_ - now).count()) + " ms");
    }
    PGconn* connection = PQconnectdb(uri_.c_str());
    if (PQstatus(connection) != CONNECTION_OK) {
      last_error_ = one_line(PQerrorMessage(connection));
      PQfinish(connection);
      next_attempt_ = now + backoff_;
      backoff_ = std::min(backoff_ * 2, kMaxBackoff);
      throw StoreError("postgresql: cannot connect: " + last_error_);
    }
    connection_ = connection;
    PQsetNoticeProcessor(connection_, [](void*, const char*) {}, nullptr);  // "already exists, skipping"
    try {
      run("SET statement_timeout = " + std::to_string(statement_timeout_.count()), {});
      if (on_connect) on_connect();
    } catch (...) {
      disconnect();
      throw;
    }
    backoff_ = kFirstBackoff;
    lost_ = false;
    return connection_;
  }

  /// Waits until libpq has a whole result, at most statement_timeout plus a margin.
  void await_answer(PGconn* connection) {
    auto deadline = steady_clock::now() + statement_timeout_ + kAnswerMargin;
    while (true) {
      if (PQconsumeInput(connection) == 0) fail(one_line(PQerrorMessage(connection)));
      if (PQisBusy(connection) == 0) return;
      auto left = duration_cast<milliseconds>(deadline - steady_clock::now());
      if (left <= milliseconds(0)) {
        fail("no answer within " + std::to_string((statement_timeout_ + kAnswerMargin).count()) +
             " ms; the server may be stopped or overloaded", /*drop=*/true);
      }
      pollfd socket{PQsocket(connection), POLLIN, 0};
      ::poll(&socket, 1, static_cast<int>(std::min<milliseconds::rep>(left.count(), 1000)));
    }
  }

  /// Throws `message`; a lost (or, with `drop`, abandoned) connection is closed first, so the next call reconnects
  /// (the first time at once, then with backoff).
  [[noreturn]] void fail(const std::string& message, bool drop = false) {
    if (drop || PQstatus(connection_) != CONNECTION_OK) {
      last_error_ = message;
      disconnect();
      if (!lost_) next_attempt_ = steady_clock::now();
      lost_ = true;
    }
    throw StoreError("postgresql: " + message);
  }

  void disconnect() {
    PQfinish(connection_);
    connection_ = nullptr;
  }

  std::string uri_;
  milliseconds statement_timeout_;
  PGconn* connection_ = nullptr;
  milliseconds backoff_ = kFirstBackoff;
  steady_clock::time_point next_attempt_{};
  std::string last_error_;
  bool lost_ = false;
};

class PostgresStore final : public Store {
 public:
  PostgresStore(const std::string& uri, milliseconds statement_timeout)
      : writer_(with_connection_defaults(uri), statement_timeout),
        reader_(with_connection_defaults(uri), statement_timeout) {
    writer_.on_connect = [this] { migrate(); };
    std::lock_guard lock(writer_.mutex);
    writer_.run("SELECT 1", {});  // fail fast on a wrong URI or password, and create the schema
  }

  bool shared() const override { return true; }

  void insert(Execution& e) override {
    std::lock_guard lock(writer_.mutex);
    Result result = writer_.run(
        "INSERT INTO cron.executions (job_id, key, scheduled, trigger, attempt, outcome, started, finished, message, "
        "replica) VALUES ($1, $2, to_timestamp($3::double precision), $4, $5::integer, $6, "
        "to_timestamp($7::double precision / 1000), to_timestamp($8::double precision / 1000), $9, $10) RETURNING id",
        {e.job_id, e.key, std::to_string(stores::to_seconds(e.scheduled)), std::string(to_string(e.trigger)),
         std::to_string(e.attempt), std::string(to_string(e.outcome)), std::to_string(stores::to_ms(e.started)),
         ms_text(e.finished), e.message, e.replica});
    e.id = result.integer(0, 0);
  }

  void finish(const Execution& e) override {
    std::lock_guard lock(writer_.mutex);
    writer_.run(
        "UPDATE cron.executions SET outcome = $1, finished = to_timestamp($2::double precision / 1000), message = $3 "
        "WHERE id = $4::bigint",
        {std::string(to_string(e.outcome)), ms_text(e.finished), e.message, std::to_string(e.id)});
  }

  std::optional<std::chrono::sys_seconds> last_tick(std::string_view job_id) override {
    std::lock_guard lock(reader_.mutex);
    Result result = reader_.run(
        "SELECT extract(epoch FROM MAX(scheduled))::bigint FROM cron.executions "
        "WHERE job_id = $1 AND trigger = 'scheduled'",
        {std::string(job_id)});
    if (result.is_null(0, 0)) return std::nullopt;
    return stores::from_seconds(result.integer(0, 0));
  }

  std::vector<Execution> history(std::string_view job_id, std::size_t limit, std::int64_t before_id) override {
    std::lock_guard lock(reader_.mutex);
    Result result = reader_.run(
        "SELECT " + std::string(kExecutionColumns) +
            " FROM cron.executions WHERE job_id = $1 AND ($2::bigint = 0 OR id < $2::bigint) "
            "ORDER BY id DESC LIMIT $3::bigint",
        {std::string(job_id), std::to_string(before_id),
         std::to_string(std::min<std::size_t>(limit, std::numeric_limits<std::int64_t>::max()))});
    std::vector<Execution> executions;
    for (int row = 0; row < result.rows(); ++row) executions.push_back(stores::execution_from_row(Row{result, row}));
    return executions;
  }

  std::size_t mark_interrupted() override {
    std::lock_guard lock(writer_.mutex);
    writer_.run(
        "UPDATE cron.executions e SET outcome = 'interrupted', finished = NULL, "
        "message = 'the process stopped while it ran' "
        "WHERE outcome = 'running' AND NOT EXISTS (SELECT 1 FROM cron.claims c "
        "WHERE c.key = e.key AND NOT c.done AND c.lease_expires > now())",
        {});
    return writer_.affected;
  }

  std::optional<Claim> claim(const Claim& tick, ClaimPurpose purpose, const Lease& lease) override {
    std::lock_guard lock(writer_.mutex);
    std::vector<Param> params = {tick.key,
                                       tick.job_id,
                                       std::to_string(stores::to_seconds(tick.scheduled)),
                                       std::string(to_string(tick.trigger)),
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
      take(writer_.run("INSERT INTO cron.claims (key, job_id, scheduled, trigger, owner, attempt, done, lease_expires) "
                       "VALUES ($1, $2, to_timestamp($3::double precision), $4, $5, 1, true, now()) "
                       "ON CONFLICT (key) DO NOTHING RETURNING done",
                       {params.begin(), params.end() - 1}));
      return claim;
    }
    // The lock orders claims of one job, so the INSERT's snapshot (taken after it) sees every other live claim.
    writer_.transaction([&] {
      writer_.run("SELECT pg_advisory_xact_lock(" + std::string(kJobLockClass) + ", hashtext($1))", {tick.job_id});
      take(writer_.run(
          "INSERT INTO cron.claims (key, job_id, scheduled, trigger, owner, attempt, done, lease_expires) "
          "SELECT $1, $2, to_timestamp($3::double precision), $4, $5, 1, other.busy, "
          "CASE WHEN other.busy THEN now() ELSE now() + $6::double precision * interval '1 millisecond' END "
          "FROM (SELECT EXISTS (SELECT 1 FROM cron.claims WHERE job_id = $2 AND key <> $1 AND NOT done "
          "AND lease_expires > now()) AS busy) AS other "
          "ON CONFLICT (key) DO NOTHING RETURNING done",
          params));
    });
    return claim;
  }

  /// One round trip for the whole batch: a script of two statements in one implicit transaction. The first takes
  /// the advisory locks of the jobs to run (in one order, so replicas cannot deadlock), which order claims of one
  /// job, so the INSERT's snapshot, taken after them, sees every other live claim of those jobs (`busy`).
  /// An ask `again` that finds its owner's claim gets it back: the server may have committed the first ask before
  /// its answer was lost (a timeout, a dropped connection).
  std::vector<std::optional<Claim>> claim_all(std::span<const ClaimAsk> asks, const Lease& lease) override {
    std::vector<std::optional<Claim>> answers(asks.size());
    if (asks.empty()) return answers;
    std::vector<std::string> keys, jobs, scheduled, triggers, runs, run_jobs;
    for (const ClaimAsk& ask : asks) {
      keys.push_back(ask.tick.key);
      jobs.push_back(ask.tick.job_id);
      scheduled.push_back(std::to_string(stores::to_seconds(ask.tick.scheduled)));
      triggers.push_back(std::string(to_string(ask.tick.trigger)));
      bool run = ask.purpose == ClaimPurpose::run;
      runs.push_back(run ? "t" : "f");
      if (run) run_jobs.push_back(ask.tick.job_id);
    }
    std::lock_guard lock(writer_.mutex);
    auto array = [&](const std::vector<std::string>& values, std::string_view type) {
      return writer_.literal(array_literal(values)) + "::" + std::string(type) + "[]";
    };
    Result claimed = writer_.run(
        "SELECT pg_advisory_xact_lock(" + std::string(kJobLockClass) + ", h) FROM (SELECT DISTINCT hashtext(j) AS h "
        "FROM unnest(" + array(run_jobs, "text") + ") AS j ORDER BY h) AS locks;\n"
        "INSERT INTO cron.claims (key, job_id, scheduled, trigger, owner, attempt, done, lease_expires) "
        "SELECT t.key, t.job_id, to_timestamp(t.scheduled), t.trigger, " + writer_.literal(lease.owner) +
        ", 1, NOT t.run OR other.busy, CASE WHEN t.run AND NOT other.busy THEN now() + " +
        std::to_string(lease.duration.count()) + " * interval '1 millisecond' ELSE now() END "
        "FROM unnest(" + array(keys, "text") + ", " + array(jobs, "text") + ", " + array(scheduled, "bigint") + ", " +
        array(triggers, "text") + ", " + array(runs, "boolean") + ") AS t(key, job_id, scheduled, trigger, run) "
        "CROSS JOIN LATERAL (SELECT t.run AND EXISTS (SELECT 1 FROM cron.claims c WHERE c.job_id = t.job_id "
        "AND c.key <> t.key AND NOT c.done AND c.lease_expires > now()) AS busy) AS other "
        "ON CONFLICT (key) DO NOTHING RETURNING key, done",
        {});
    std::unordered_map<std::string, bool> done;
    for (int row = 0; row < claimed.rows(); ++row) done.emplace(claimed.text(row, 0), claimed.boolean(row, 1));
    std::vector<std::string> again;
    for (const ClaimAsk& ask : asks)
      if (ask.again && !done.contains(ask.tick.key)) again.push_back(ask.tick.key);
    if (!again.empty()) {
      Result own = writer_.run("SELECT key, done FROM cron.claims WHERE key = ANY($1::text[]) AND owner = $2",
                               {array_literal(again), lease.owner});
      for (int row = 0; row < own.rows(); ++row) done.emplace(own.text(row, 0), own.boolean(row, 1));
    }
    for (std::size_t i = 0; i < asks.size(); ++i) {
      auto found = done.find(asks[i].tick.key);
      if (found == done.end()) continue;
      Claim& claim = answers[i].emplace(asks[i].tick);
      claim.attempt = 1;
      claim.busy = asks[i].purpose == ClaimPurpose::run && found->second;
    }
    return answers;
  }

  /// A group commit: one statement per kind of write, all in one transaction.
  void write_all(std::span<Write> writes, const Lease& lease) override {
    std::vector<Write*> inserts;
    std::vector<Param> ids, outcomes, finished, messages, completed;
    for (Write& write : writes) {
      const Execution& e = write.execution;
      switch (write.kind) {
        case Write::Kind::insert:
          inserts.push_back(&write);
          break;
        case Write::Kind::finish:
          ids.push_back(std::to_string(e.id));
          outcomes.push_back(std::string(to_string(e.outcome)));
          finished.push_back(ms_text(e.finished));
          messages.push_back(e.message);
          break;
        case Write::Kind::complete:
          completed.push_back(write.key);
          break;
      }
    }
    std::lock_guard lock(writer_.mutex);
    try {
      writer_.transaction([&] {
        if (!inserts.empty()) insert_rows(inserts);
        if (!ids.empty()) {
          writer_.run(
              "UPDATE cron.executions e SET outcome = t.outcome, "
              "finished = to_timestamp(t.finished_ms::double precision / 1000), message = t.message "
              "FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[]) AS t(id, outcome, finished_ms, message) "
              "WHERE e.id = t.id",
              {array_literal(ids), array_literal(outcomes), array_literal(finished), array_literal(messages)});
        }
        if (!completed.empty()) {
          writer_.run("UPDATE cron.claims SET done = true, lease_expires = now() WHERE key = ANY($1::text[]) "
                      "AND owner = $2",
                      {array_literal(completed), lease.owner});
        }
      });
    } catch (...) {
      for (Write* write : inserts) write->execution.id = 0;  // rolled back: no row has that id
      throw;
    }
  }

  /// Claims that are done (recorded at once, or closed) with no execution, whose replica had ten minutes to
  /// record them: a replica still retrying its record is left alone. Expired `run` claims go to take_over().
  std::vector<Claim> unrecorded_claims(const Lease& lease) override {
    std::lock_guard lock(writer_.mutex);
    Result result = writer_.run(
        "SELECT key, job_id, extract(epoch FROM scheduled)::bigint, trigger FROM cron.claims c "
        "WHERE done AND owner <> $1 AND claimed < now() - interval '10 minutes' "
        "AND NOT EXISTS (SELECT 1 FROM cron.executions e WHERE e.key = c.key) ORDER BY scheduled, key",
        {lease.owner});
    std::vector<Claim> claims;
    for (int row = 0; row < result.rows(); ++row) claims.push_back(stores::claim_from_row(Row{result, row}));
    return claims;
  }

  void complete(std::string_view key, const Lease& lease) override {
    std::lock_guard lock(writer_.mutex);
    writer_.run("UPDATE cron.claims SET done = true, lease_expires = now() WHERE key = $1 AND owner = $2",
                {std::string(key), lease.owner});
  }

  std::vector<std::string> renew(std::span<const std::string> keys, const Lease& lease) override {
    if (keys.empty()) return {};
    std::lock_guard lock(writer_.mutex);
    Result result = writer_.run(
        "UPDATE cron.claims SET lease_expires = now() + $3::double precision * interval '1 millisecond' "
        "WHERE key = ANY($1::text[]) AND owner = $2 AND NOT done RETURNING key",
        {array_literal(keys), lease.owner, std::to_string(lease.duration.count())});
    std::vector<std::string> lost(keys.begin(), keys.end());
    for (int row = 0; row < result.rows(); ++row) std::erase(lost, result.text(row, 0));
    return lost;
  }

  std::vector<Claim> take_over(std::span<const std::string> job_ids, const Lease& lease, int max_attempts) override {
    if (job_ids.empty()) return {};
    std::lock_guard lock(writer_.mutex);
    std::vector<Claim> claims;
    writer_.transaction([&] {
      // SKIP LOCKED: replicas scanning at once take different ticks; a tick another one is taking is not waited on.
      Result expired = writer_.run(
          "SELECT key, job_id, extract(epoch FROM scheduled)::bigint, trigger, "
          "GREATEST(attempt, (SELECT COALESCE(MAX(e.attempt), 0) FROM cron.executions e WHERE e.key = c.key)) "
          "FROM cron.claims c WHERE NOT done AND lease_expires < now() AND job_id = ANY($1::text[]) "
          "ORDER BY scheduled LIMIT 16 FOR UPDATE SKIP LOCKED",
          {array_literal(job_ids)});
      for (int row = 0; row < expired.rows(); ++row) {
        Claim claim = stores::claim_from_row(Row{expired, row});
        claim.attempt = static_cast<int>(expired.integer(row, 4)) + 1;
        bool closed = claim.attempt > max_attempts;
        writer_.run(
            "UPDATE cron.executions SET outcome = 'interrupted', finished = NULL, message = $2 "
            "WHERE key = $1 AND outcome = 'running'",
            {claim.key, closed ? "the replica running it stopped renewing its lease; no attempts are left"
                               : "the replica running it stopped renewing its lease; attempt " +
                                     std::to_string(claim.attempt) + " runs on another replica"});
        if (closed) {
          writer_.run("UPDATE cron.claims SET done = true, lease_expires = now() WHERE key = $1", {claim.key});
          continue;
        }
        writer_.run(
            "UPDATE cron.claims SET owner = $2, attempt = $3::integer, "
            "lease_expires = now() + $4::double precision * interval '1 millisecond' WHERE key = $1",
            {claim.key, lease.owner, std::to_string(claim.attempt), std::to_string(lease.duration.count())});
        claims.push_back(std::move(claim));
      }
    });
    return claims;
  }

  void pause(std::string_view job_id, const Pause& pause) override {
    std::lock_guard lock(writer_.mutex);
    writer_.run(
        "INSERT INTO cron.pauses (job_id, paused, paused_by, note, resumed) "
        "VALUES ($1, to_timestamp($2::double precision / 1000), $3, $4, NULL) "
        "ON CONFLICT (job_id) DO UPDATE SET paused = excluded.paused, paused_by = excluded.paused_by, "
        "note = excluded.note, resumed = NULL",
        {std::string(job_id), ms_text(pause.at), pause.by, pause.note});
  }

  bool resume(std::string_view job_id, TimePoint at) override {
    std::lock_guard lock(writer_.mutex);
    writer_.run(
        "UPDATE cron.pauses SET resumed = to_timestamp($2::double precision / 1000) "
        "WHERE job_id = $1 AND resumed IS NULL",
        {std::string(job_id), ms_text(at)});
    return writer_.affected > 0;
  }

  std::vector<PauseRecord> pauses() override {
    std::lock_guard lock(reader_.mutex);
    Result result = reader_.run(
        "SELECT job_id, round(extract(epoch FROM paused) * 1000)::bigint, paused_by, note, "
        "round(extract(epoch FROM resumed) * 1000)::bigint FROM cron.pauses ORDER BY job_id",
        {});
    std::vector<PauseRecord> records;
    for (int row = 0; row < result.rows(); ++row) records.push_back(stores::pause_from_row(Row{result, row}));
    return records;
  }

  std::size_t count(std::string_view job_id, std::span<const Outcome> outcomes, TimePoint since) override {
    std::vector<std::string> names;
    for (Outcome outcome : outcomes) names.emplace_back(to_string(outcome));
    std::lock_guard lock(reader_.mutex);
    Result result = reader_.run(
        "SELECT count(*) FROM cron.executions WHERE job_id = $1 "
        "AND started >= to_timestamp($2::double precision / 1000) AND outcome = ANY($3::text[])",
        {std::string(job_id), ms_text(since), array_literal(names)});
    return static_cast<std::size_t>(result.integer(0, 0));
  }

  /// Plain DELETEs in one transaction: autovacuum reclaims the space. A claim under a live lease stays.
  Pruned prune(std::string_view job_id, const PruneLimits& limits, const Lease& lease) override {
    std::lock_guard lock(writer_.mutex);
    Pruned pruned;
    const std::string claim_too_old =
        std::to_string(stores::to_seconds(limits.now - std::max(limits.retention.max_age, limits.misfire_grace)));
    writer_.transaction([&] {
      Result gone = writer_.run(
          "DELETE FROM cron.executions WHERE id IN (SELECT id FROM cron.executions WHERE job_id = $1 "
          "AND id <= (SELECT id FROM cron.executions WHERE job_id = $1 ORDER BY id DESC LIMIT 1 OFFSET $2::bigint) "
          "AND started < to_timestamp($3::double precision / 1000) AND outcome <> 'running' ORDER BY id "
          "LIMIT $4::bigint) RETURNING key",
          {std::string(job_id), std::to_string(limits.retention.keep_per_job),
           std::to_string(stores::to_ms(TimePoint(limits.now - limits.retention.max_age))),
           std::to_string(limits.max_executions)});
      pruned.executions = static_cast<std::size_t>(gone.rows());
      std::vector<std::string> keys;
      for (int row = 0; row < gone.rows(); ++row) keys.push_back(gone.text(row, 0));
      writer_.run(
          "DELETE FROM cron.claims WHERE key IN (SELECT key FROM cron.claims c WHERE job_id = $1 "
          "AND scheduled < to_timestamp($2::double precision) AND (done OR lease_expires < now()) "
          "AND NOT EXISTS (SELECT 1 FROM cron.executions e WHERE e.key = c.key) "
          "AND (key = ANY($3::text[]) OR owner <> $4) "
          "LIMIT $5::bigint)",
          {std::string(job_id), claim_too_old, array_literal(keys), lease.owner,
           std::to_string(limits.max_executions + keys.size())});
      pruned.claims = writer_.affected;
    });
    return pruned;
  }

 private:
  /// Inserts the executions of `inserts` in one statement and gives each its id (writer_.mutex held).
  void insert_rows(const std::vector<Write*>& inserts) {
    std::vector<Param> columns[10];
    for (const Write* write : inserts) {
      const Execution& e = write->execution;
      Param values[10] = {e.job_id,
                          e.key,
                          std::to_string(stores::to_seconds(e.scheduled)),
                          std::string(to_string(e.trigger)),
                          std::to_string(e.attempt),
                          std::string(to_string(e.outcome)),
                          std::to_string(stores::to_ms(e.started)),
                          ms_text(e.finished),
                          e.message,
                          e.replica};
      for (int column = 0; column < 10; ++column) columns[column].push_back(std::move(values[column]));
    }
    std::vector<Param> params;
    for (const std::vector<Param>& column : columns) params.push_back(array_literal(column));
    Result ids = writer_.run(
        "WITH t AS MATERIALIZED (SELECT nextval('cron.executions_id_seq') AS id, u.* FROM unnest($1::text[], "
        "$2::text[], $3::bigint[], $4::text[], $5::integer[], $6::text[], $7::bigint[], $8::bigint[], $9::text[], "
        "$10::text[]) WITH ORDINALITY AS u(job_id, key, scheduled, trigger, attempt, outcome, started_ms, "
        "finished_ms, message, replica, ord)), "
        "inserted AS (INSERT INTO cron.executions (id, job_id, key, scheduled, trigger, attempt, outcome, started, "
        "finished, message, replica) SELECT id, job_id, key, to_timestamp(scheduled), trigger, attempt, outcome, "
        "to_timestamp(started_ms::double precision / 1000), to_timestamp(finished_ms::double precision / 1000), "
        "message, replica FROM t) "
        "SELECT id, ord FROM t",
        params);
    for (int row = 0; row < ids.rows(); ++row)
      inserts[static_cast<std::size_t>(ids.integer(row, 1) - 1)]->execution.id = ids.integer(row, 0);
  }

  /// Creates the schema or brings it up to date; replicas starting at once wait for each other on an advisory lock.
  void migrate() {
    writer_.transaction([&] {
      writer_.run("SELECT pg_advisory_xact_lock(" + std::string(kMigrationLock) + ")", {});
      // Only when missing: CREATE SCHEMA needs the CREATE privilege even with IF NOT EXISTS, and a service's user
      // may have it only for the first start.
      if (writer_.run("SELECT to_regclass('cron.schema_version') IS NULL", {}).boolean(0, 0)) {
        writer_.run("CREATE SCHEMA IF NOT EXISTS cron", {});
        writer_.run("CREATE TABLE cron.schema_version (version INTEGER NOT NULL)", {});
      }
      auto version = static_cast<std::size_t>(
          writer_.run("SELECT COALESCE(MAX(version), 0) FROM cron.schema_version", {}).integer(0, 0));
      if (version > std::size(kMigrations)) {
        throw StoreError("postgresql: the schema cron is at version " + std::to_string(version) +
                         ", newer than this cronc knows (" + std::to_string(std::size(kMigrations)) +
                         "); upgrade cronc");
      }
      for (std::size_t step = version; step < std::size(kMigrations); ++step) {
        writer_.run(kMigrations[step], {});
        writer_.run("INSERT INTO cron.schema_version (version) VALUES ($1::integer)", {std::to_string(step + 1)});
      }
    });
  }

  Connection writer_;  ///< claims, records, leases
  Connection reader_;  ///< history and last_tick, so a reader never waits behind a write
};

}  // namespace

std::unique_ptr<Store> make_postgres_store(const std::string& uri, milliseconds statement_timeout) {
  return std::make_unique<PostgresStore>(uri, statement_timeout);
}

}  // namespace cron

#else

namespace cron {

std::unique_ptr<Store> make_postgres_store(const std::string&, std::chrono::milliseconds) {
  throw StoreError("postgresql: this cronc was built without libpq, so it has no PostgreSQL store; install "
                   "libpq-dev and rebuild");
}

}  // namespace cron

#endif

#pragma once
/// Where executions are recorded (docs/runtime.md, "The stores"): one interface for the in-memory store (tests),
/// SQLite (the embedded default) and PostgreSQL (several replicas).
///
/// The runtime calls a store from several threads (claims, the recorder, the lease keeper, the dashboard's
/// readers), never under a lock of its own, so a store serialises what needs it. Every call is bounded in time
/// (PostgreSQL: connect_timeout and statement_timeout; SQLite: busy_timeout) and reports every failure as a
/// StoreError. To add a method: declare it here with what it guarantees, implement it in each store under
/// runtime/src/stores/, and add its case to the contract suite (test/runtime/store_contract.hpp), which runs
/// against every store.

#include <cron/execution.hpp>
#include <cron/retention.hpp>
#include <cron/setup_error.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace cron {

/// A store that cannot be opened or cannot answer: one line that names the store (`sqlite:cron.db: ...`,
/// `postgresql: ...`) and the cause.
class StoreError : public SetupError {
 public:
  using SetupError::SetupError;
};

/// A tick (or a manual run) held by one runtime: only the holder runs or records it, so replicas sharing a store
/// handle each tick once. See docs/replicas.md for what that guarantees.
struct Claim {
  std::string job_id;
  std::string key;  ///< the idempotency key; claims are unique by key
  std::chrono::sys_seconds scheduled;
  Trigger trigger = Trigger::scheduled;
  int attempt = 1;    ///< the attempt to run: above 1 after a replica died while it held the tick
  bool busy = false;  ///< another tick of the job holds a live lease: record this one `skipped`, do not run it
};

/// Who holds a claim, and how long it lasts without renewal. Shared stores measure it with the database's clock.
struct Lease {
  std::string owner;                 ///< unique per Runtime instance, so a restarted replica renews nothing stale
  std::chrono::milliseconds duration{30000};
};

/// Why a tick is claimed.
enum class ClaimPurpose {
  run,     ///< to run it: held under a lease until complete()
  record,  ///< only to record it (missed, skipped): done at once
};

/// One tick of a batch to claim, and why.
struct ClaimAsk {
  Claim tick;  ///< job_id, key, scheduled, trigger
  ClaimPurpose purpose = ClaimPurpose::run;
  /// Asked before, and the answer was lost (the store failed or timed out): a claim of the tick this lease's owner
  /// holds already is returned, because the store may have made it before the answer was lost. (Only a store whose
  /// answer can be lost after it committed needs this: PostgreSQL. SQLite's and memory's failures claim nothing.)
  bool again = false;
};

/// An operator's pause of a job (docs/runtime.md, "Pause and resume"): ticks are neither run nor recorded while it
/// lasts.
struct Pause {
  TimePoint at;      ///< when it was paused, by the pausing runtime's clock
  std::string by;    ///< who paused it: the dashboard's X-Cron-Actor header, else the client's address
  std::string note;  ///< why, in the operator's words; may be empty
};

/// A job's latest pause as a store keeps it: still on, or lifted at `resumed`.
struct PauseRecord {
  std::string job_id;
  Pause pause;
  std::optional<TimePoint> resumed;  ///< empty while the job is paused
};

/// What one Store::prune() call may remove (docs/dashboard.md, "Retention").
struct PruneLimits {
  HistoryRetention retention;
  std::chrono::sys_seconds now;               ///< by the runtime's clock: ages are measured from it
  std::chrono::seconds misfire_grace{60};     ///< a claim of a tick younger than this is kept, whatever the limits
  std::size_t max_executions = 500;           ///< at most this many per call, so one call holds a write lock briefly
};

/// What one Store::prune() call removed.
struct Pruned {
  std::size_t executions = 0;
  std::size_t claims = 0;
};

/// One of the recorder's writes, applied with others in one transaction by Store::write_all().
struct Write {
  enum class Kind {
    insert,    ///< a new row (running, or final already); its id is assigned
    finish,    ///< the outcome of a row inserted as running, by its id
    complete,  ///< the claim `key` held by the lease's owner is done
  } kind = Kind::insert;
  Execution execution;  ///< insert, finish
  std::string key;      ///< complete
};

class Store {
 public:
  virtual ~Store() = default;

  /// Records a new execution (running, or already final for skipped/missed) and assigns its id.
  virtual void insert(Execution& execution) = 0;
  /// Records the final outcome (and finish time) of an execution inserted as running, by its id.
  virtual void finish(const Execution& execution) = 0;
  /// The latest scheduled tick recorded for a job, whatever its outcome: where a restarted runtime resumes.
  virtual std::optional<std::chrono::sys_seconds> last_tick(std::string_view job_id) = 0;
  /// Executions of a job, newest first, with id below `before_id` (0: no bound).
  virtual std::vector<Execution> history(std::string_view job_id, std::size_t limit, std::int64_t before_id = 0) = 0;
  /// Marks executions left `running` by a process that died as `interrupted` (no finish time); returns how many.
  /// A shared store marks only those whose claim's lease has expired, so other replicas' runs are left alone.
  virtual std::size_t mark_interrupted() = 0;

  /// Claims `tick` (job_id, key, scheduled, trigger) in one step that cannot succeed twice for one key, whoever
  /// asks. Empty when the tick was claimed before, by this or any other runtime. Throws when the store cannot be
  /// reached: nothing is claimed then.
  virtual std::optional<Claim> claim(const Claim& tick, ClaimPurpose purpose, const Lease& lease) = 0;
  /// Claims every tick of `asks` as claim() would, in one transaction (SQLite) or one statement (PostgreSQL): all
  /// are asked, or, when it throws, none is claimed. Answer i is ask i's. No two `run` asks may share a job (a
  /// batch decides `busy` against claims made before it). The default asks claim() in turn, which is all or
  /// nothing only for a store that cannot fail (memory).
  virtual std::vector<std::optional<Claim>> claim_all(std::span<const ClaimAsk> asks, const Lease& lease);
  /// Ticks claimed with no execution recorded for them, by a process that stopped between the two (a crash, or
  /// `stop()` with queued work): the runtime records them at its next start, so no claimed tick goes unrecorded.
  /// A shared store leaves claims under a live lease alone (their replica still runs them) and gives its expired
  /// `run` claims to take_over() instead, which runs them again.
  /// Claims held by `lease.owner` (this runtime) are never returned: it is about to record them.
  virtual std::vector<Claim> unrecorded_claims(const Lease& lease) = 0;
  /// Marks a tick held by `lease.owner` as done once its final outcome is recorded; it is never taken over then.
  virtual void complete(std::string_view /*key*/, const Lease& /*lease*/) {}
  /// Applies `writes` in order in one transaction (a group commit): all of them, or, when it throws, none, and
  /// then no id is assigned. The default makes the single calls in turn, which is all or nothing only for a store
  /// that cannot fail (memory).
  virtual void write_all(std::span<Write> writes, const Lease& lease);
  /// Extends the leases of the ticks `keys` held by `lease.owner`; returns those it no longer holds (another
  /// replica took them over after the lease expired). A zero duration releases them for takeover at once.
  virtual std::vector<std::string> renew(std::span<const std::string> /*keys*/, const Lease& /*lease*/) { return {}; }
  /// Claims ticks of `job_ids` whose holder stopped renewing its lease, as their next attempt with the same key,
  /// and marks the dead attempt `interrupted`. A tick whose next attempt would exceed `max_attempts` is closed
  /// instead (done, not returned).
  virtual std::vector<Claim> take_over(std::span<const std::string> /*job_ids*/, const Lease& /*lease*/,
                                       int /*max_attempts*/) {
    return {};
  }

  /// Pauses a job, replacing a pause it has (its time, who and why). Every runtime on the store honours it.
  virtual void pause(std::string_view job_id, const Pause& pause) = 0;
  /// Lifts a job's pause at `at` and keeps that time, so a restarted runtime starts from the resume rather than
  /// catching up on the ticks the pause left out; returns false (and changes nothing) when it is not paused.
  virtual bool resume(std::string_view job_id, TimePoint at) = 0;
  /// Every job's latest pause, paused or resumed, by job id.
  virtual std::vector<PauseRecord> pauses() = 0;
  /// How many executions of a job that started at or after `since` have one of `outcomes` (the dashboard's
  /// failures in the last 24 hours).
  virtual std::size_t count(std::string_view job_id, std::span<const Outcome> outcomes, TimePoint since) = 0;
  /// Removes part of a job's history that retention lets go, in one bounded transaction; the caller calls again
  /// while it removes a full PruneLimits::max_executions. An execution goes when it is beyond both limits: it
  /// started before `now - max_age` and is not among the job's newest `keep_per_job` (by id); a `running` one
  /// never goes. A claim goes with the last execution of its key, or, with none (a tick claimed and never
  /// recorded), once its tick is older than max_age; never one held by `lease.owner` without an execution (about
  /// to be recorded), one under a live lease, or one whose tick is younger than the misfire grace.
  virtual Pruned prune(std::string_view job_id, const PruneLimits& limits, const Lease& lease) = 0;

  /// True when several processes share the store, so claims need leases, renewal and takeover.
  virtual bool shared() const { return false; }
};

/// Keeps executions in memory: for tests and for CRON_STORE=memory:.
std::unique_ptr<Store> make_memory_store();

/// How long one SQLite call waits for a lock another connection holds before it fails (SQLite's busy_timeout).
inline constexpr std::chrono::milliseconds kSqliteBusyTimeout{2000};

/// One SQLite file (WAL mode, versioned schema) used by this process alone: a second store on a file in use fails
/// with the holder's name. Throws StoreError when the file cannot be opened, written, or is corrupt, or when its
/// schema is newer than this cronc.
std::unique_ptr<Store> make_sqlite_store(const std::string& path,
                                         std::chrono::milliseconds busy_timeout = kSqliteBusyTimeout);

/// How long one PostgreSQL statement may take (the server's statement_timeout; the client gives up a second
/// later, so a server that stopped answering cannot hold a call longer).
inline constexpr std::chrono::milliseconds kPostgresStatementTimeout{10000};

/// A PostgreSQL database shared by several replicas (a libpq URI `postgresql://...`). Creates and migrates its
/// schema `cron`; reconnects with backoff after a connection loss. Throws StoreError when the first connection
/// fails, when the schema is newer than this cronc, or when cronc was built without libpq.
std::unique_ptr<Store> make_postgres_store(const std::string& uri,
                                           std::chrono::milliseconds statement_timeout = kPostgresStatementTimeout);

/// A store from a URI: `memory:`, `sqlite:PATH`, `postgresql://...` (or `postgres://...`). Throws StoreError for
/// an unknown scheme and whatever the store's own factory throws.
std::unique_ptr<Store> open_store(std::string_view uri);

}  // namespace cron

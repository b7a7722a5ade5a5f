#pragma once
/// Where executions are recorded (DESIGN section 7): one interface for the in-memory store (tests), SQLite (the
/// embedded default) and PostgreSQL (several replicas).

#include <cron/execution.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cron {

class Store {
 public:
  virtual ~Store() = default;

  /// Records a new execution (running, or already final for skipped/missed) and assigns its id.
  virtual void insert(Execution& execution) = 0;
  /// Records the final outcome of an execution inserted as running.
  virtual void finish(const Execution& execution) = 0;
  /// The latest scheduled tick recorded for a job, whatever its outcome: where a restarted runtime resumes.
  virtual std::optional<std::chrono::sys_seconds> last_tick(std::string_view job_id) = 0;
  /// Executions of a job, newest first, with id below `before_id` (0: no bound).
  virtual std::vector<Execution> history(std::string_view job_id, std::size_t limit, std::int64_t before_id = 0) = 0;
  /// Marks executions left `running` by a process that died as `interrupted`; returns how many.
  virtual std::size_t mark_interrupted() = 0;
};

/// Keeps executions in memory: for tests and for CRON_STORE=memory:.
std::unique_ptr<Store> make_memory_store();

/// One SQLite file (WAL mode, versioned schema); throws std::runtime_error when it cannot be opened.
std::unique_ptr<Store> make_sqlite_store(const std::string& path);

/// A store from a URI: `memory:`, `sqlite:PATH`. Throws std::invalid_argument for an unknown scheme.
std::unique_ptr<Store> open_store(std::string_view uri);

}  // namespace cron

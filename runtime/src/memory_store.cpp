// The in-memory store: for tests and CRON_STORE=memory:.

#include <cron/store.hpp>

#include <algorithm>
#include <mutex>
#include <set>

namespace cron {

namespace {

class MemoryStore final : public Store {
 public:
  void insert(Execution& execution) override {
    std::lock_guard lock(mutex_);
    execution.id = static_cast<std::int64_t>(executions_.size()) + 1;
    executions_.push_back(execution);
  }

  void finish(const Execution& execution) override {
    std::lock_guard lock(mutex_);
    if (execution.id >= 1 && static_cast<std::size_t>(execution.id) <= executions_.size())
      executions_[static_cast<std::size_t>(execution.id) - 1] = execution;
  }

  std::optional<std::chrono::sys_seconds> last_tick(std::string_view job_id) override {
    std::lock_guard lock(mutex_);
    std::optional<std::chrono::sys_seconds> last;
    for (const Execution& e : executions_)
      if (e.job_id == job_id && e.trigger == Trigger::scheduled && (!last || e.scheduled > *last)) last = e.scheduled;
    return last;
  }

  std::vector<Execution> history(std::string_view job_id, std::size_t limit, std::int64_t before_id) override {
    std::lock_guard lock(mutex_);
    std::vector<Execution> result;
    for (auto it = executions_.rbegin(); it != executions_.rend() && result.size() < limit; ++it)
      if (it->job_id == job_id && (before_id == 0 || it->id < before_id)) result.push_back(*it);
    return result;
  }

  std::size_t mark_interrupted() override {
    std::lock_guard lock(mutex_);
    std::size_t count = 0;
    for (Execution& e : executions_) {
      if (e.outcome != Outcome::running) continue;
      e.outcome = Outcome::interrupted;
      ++count;
    }
    return count;
  }

  /// One process: a claim never expires, and a second claim of a key is refused.
  std::optional<Claim> claim(const Claim& tick, ClaimPurpose, const Lease&) override {
    std::lock_guard lock(mutex_);
    if (!claimed_.insert(tick.key).second) return std::nullopt;
    Claim claim = tick;
    claim.attempt = 1;
    claim.busy = false;
    return claim;
  }

 private:
  std::mutex mutex_;
  std::vector<Execution> executions_;
  std::set<std::string, std::less<>> claimed_;
};

}  // namespace

std::unique_ptr<Store> make_memory_store() { return std::make_unique<MemoryStore>(); }

}  // namespace cron

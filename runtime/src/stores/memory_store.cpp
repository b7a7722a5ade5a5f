// The in-memory store: for tests and CRON_STORE=memory:.

#include <cron/store.hpp>

#include <algorithm>
#include <map>
#include <mutex>

namespace cron {

namespace {

class MemoryStore final : public Store {
 public:
  void insert(Execution& execution) override {
    std::lock_guard lock(mutex_);
    execution.id = next_id_++;
    executions_.emplace(execution.id, execution);
  }

  void finish(const Execution& execution) override {
    std::lock_guard lock(mutex_);
    auto found = executions_.find(execution.id);
    if (found == executions_.end()) return;
    Execution& row = found->second;
    row.outcome = execution.outcome;
    row.finished = execution.finished;
    row.message = execution.message;
  }

  std::optional<std::chrono::sys_seconds> last_tick(std::string_view job_id) override {
    std::lock_guard lock(mutex_);
    std::optional<std::chrono::sys_seconds> last;
    for (const auto& [id, e] : executions_)
      if (e.job_id == job_id && e.trigger == Trigger::scheduled && (!last || e.scheduled > *last)) last = e.scheduled;
    return last;
  }

  std::vector<Execution> history(std::string_view job_id, std::size_t limit, std::int64_t before_id) override {
    std::lock_guard lock(mutex_);
    std::vector<Execution> result;
    for (auto it = executions_.rbegin(); it != executions_.rend() && result.size() < limit; ++it)
      if (it->second.job_id == job_id && (before_id == 0 || it->first < before_id)) result.push_back(it->second);
    return result;
  }

  std::size_t mark_interrupted() override {
    std::lock_guard lock(mutex_);
    std::size_t count = 0;
    for (auto& [id, e] : executions_) {
      if (e.outcome != Outcome::running) continue;
      e.outcome = Outcome::interrupted;
      e.message = "the process stopped while it ran";
      e.finished.reset();
      ++count;
    }
    return count;
  }

  /// One process: a claim never expires, and a second claim of a key is refused.
  std::optional<Claim> claim(const Claim& tick, ClaimPurpose, const Lease& lease) override {
    std::lock_guard lock(mutex_);
    Claim claim = tick;
    claim.attempt = 1;
    claim.busy = false;
    if (!claims_.emplace(tick.key, Held{claim, lease.owner}).second) return std::nullopt;
    return claim;
  }

  std::vector<Claim> unrecorded_claims(const Lease& lease) override {
    std::lock_guard lock(mutex_);
    std::vector<Claim> result;
    for (const auto& [key, held] : claims_) {
      if (held.owner == lease.owner) continue;
      if (!recorded(key)) result.push_back(held.claim);
    }
    std::sort(result.begin(), result.end(), [](const Claim& a, const Claim& b) {
      return a.scheduled != b.scheduled ? a.scheduled < b.scheduled : a.key < b.key;
    });
    return result;
  }

  void pause(std::string_view job_id, const Pause& pause) override {
    std::lock_guard lock(mutex_);
    pauses_.insert_or_assign(std::string(job_id), PauseRecord{std::string(job_id), pause, std::nullopt});
  }

  bool resume(std::string_view job_id, TimePoint at) override {
    std::lock_guard lock(mutex_);
    auto found = pauses_.find(job_id);
    if (found == pauses_.end() || found->second.resumed) return false;
    found->second.resumed = at;
    return true;
  }

  std::vector<PauseRecord> pauses() override {
    std::lock_guard lock(mutex_);
    std::vector<PauseRecord> result;
    for (const auto& [job_id, record] : pauses_) result.push_back(record);
    return result;
  }

  std::size_t count(std::string_view job_id, std::span<const Outcome> outcomes, TimePoint since) override {
    std::lock_guard lock(mutex_);
    return static_cast<std::size_t>(std::count_if(executions_.begin(), executions_.end(), [&](const auto& entry) {
      const Execution& e = entry.second;
      return e.job_id == job_id && e.started >= since &&
             std::find(outcomes.begin(), outcomes.end(), e.outcome) != outcomes.end();
    }));
  }

  /// Executions beyond both limits, newest kept by id; then claims left without an execution (docs/dashboard.md).
  Pruned prune(std::string_view job_id, const PruneLimits& limits, const Lease& lease) override {
    std::lock_guard lock(mutex_);
    Pruned pruned;
    const TimePoint too_old = TimePoint(limits.now - limits.retention.max_age);
    const std::chrono::sys_seconds claim_too_old = limits.now - std::max(limits.retention.max_age, limits.misfire_grace);
    std::size_t newer = 0;
    std::vector<std::string> keys;
    for (auto it = executions_.rbegin(); it != executions_.rend() && pruned.executions < limits.max_executions;) {
      const Execution& e = it->second;
      if (e.job_id != job_id || newer++ < limits.retention.keep_per_job || e.outcome == Outcome::running ||
          e.started >= too_old) {
        ++it;
        continue;
      }
      keys.push_back(e.key);
      it = std::make_reverse_iterator(executions_.erase(std::next(it).base()));
      ++pruned.executions;
    }
    for (auto it = claims_.begin(); it != claims_.end();) {
      const Held& held = it->second;
      bool of_pruned = std::find(keys.begin(), keys.end(), it->first) != keys.end();
      bool orphan = held.owner != lease.owner;
      if (held.claim.job_id != job_id || held.claim.scheduled >= claim_too_old || !(of_pruned || orphan) ||
          recorded(it->first)) {
        ++it;
        continue;
      }
      it = claims_.erase(it);
      ++pruned.claims;
    }
    return pruned;
  }

 private:
  bool recorded(std::string_view key) const {
    return std::any_of(executions_.begin(), executions_.end(), [&](const auto& row) { return row.second.key == key; });
  }

  std::mutex mutex_;
  std::map<std::string, PauseRecord, std::less<>> pauses_;
  std::map<std::int64_t, Execution> executions_;  ///< by id, oldest first
  std::int64_t next_id_ = 1;
  struct Held {
    Claim claim;
    std::string owner;
  };
  std::map<std::string, Held, std::less<>> claims_;
};

}  // namespace

std::unique_ptr<Store> make_memory_store() { return std::make_unique<MemoryStore>(); }

}  // namespace cron

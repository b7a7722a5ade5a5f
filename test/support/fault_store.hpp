#pragma once
// A store that wraps any other and, on command, fails, blocks or holds chosen calls: every store fault the
// runtime must survive (a locked file, a hung server, a refused write) as a deterministic test on the manual
// clock. A blocked call waits until released, as a call to a stopped server waits for its timeout.

#include <cron/store.hpp>

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace cron::test {

class FaultStore final : public Store {
 public:
  /// A batch call (claim_all, write_all) enters once as itself, then once per item as its single call.
  enum class Call { insert, finish, last_tick, history, mark_interrupted, claim, unrecorded_claims, complete, renew,
                    take_over, claim_all, write_all, pause, resume, pauses, count, prune };

  explicit FaultStore(std::unique_ptr<Store> inner) : inner_(std::move(inner)) {}

  /// The next `times` calls of `call` throw StoreError(`message`) (a negative count: until heal()).
  void fail(Call call, int times = -1, std::string message = "database is locked") {
    std::lock_guard lock(mutex_);
    faults_[call] = {times, std::move(message)};
  }
  /// `call` works again.
  void heal(Call call) {
    std::lock_guard lock(mutex_);
    faults_.erase(call);
  }
  /// Calls of `call` (for the job `job_id`, or any job when empty) wait until release().
  void block(Call call, std::string job_id = {}) {
    std::lock_guard lock(mutex_);
    blocked_[call] = std::move(job_id);
  }
  void release(Call call) {
    std::lock_guard lock(mutex_);
    blocked_.erase(call);
    changed_.notify_all();
  }
  /// Waits until a call of `call` is held by block().
  void wait_until_blocked(Call call) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return waiting_[call] > 0; });
  }
  /// Counts as a store shared by replicas (so the runtime keeps leases) and answers each renewal with every key
  /// lost, as if another replica had taken them over. Call it before the runtime is built.
  void lose_every_lease() {
    std::lock_guard lock(mutex_);
    losing_leases_ = true;
  }
  /// How many calls of `call` were made (failed ones too).
  int calls(Call call) {
    std::lock_guard lock(mutex_);
    return made_[call];
  }

  void insert(Execution& execution) override { enter(Call::insert, execution.job_id), inner_->insert(execution); }
  void finish(const Execution& execution) override {
    enter(Call::finish, execution.job_id), inner_->finish(execution);
  }
  std::optional<std::chrono::sys_seconds> last_tick(std::string_view job_id) override {
    return enter(Call::last_tick, job_id), inner_->last_tick(job_id);
  }
  std::vector<Execution> history(std::string_view job_id, std::size_t limit, std::int64_t before_id) override {
    return enter(Call::history, job_id), inner_->history(job_id, limit, before_id);
  }
  std::size_t mark_interrupted() override { return enter(Call::mark_interrupted), inner_->mark_interrupted(); }
  std::optional<Claim> claim(const Claim& tick, ClaimPurpose purpose, const Lease& lease) override {
    return enter(Call::claim, tick.job_id), inner_->claim(tick, purpose, lease);
  }
  /// Each ask enters as a claim (so a fault or block of one job's claim holds the batch), then the inner store
  /// claims all at once: a fault leaves none claimed.
  std::vector<std::optional<Claim>> claim_all(std::span<const ClaimAsk> asks, const Lease& lease) override {
    enter(Call::claim_all);
    for (const ClaimAsk& ask : asks) enter(Call::claim, ask.tick.job_id);
    return inner_->claim_all(asks, lease);
  }
  /// Each write enters as its single call, then the inner store writes all at once: a fault leaves none written.
  void write_all(std::span<Write> writes, const Lease& lease) override {
    enter(Call::write_all);
    for (const Write& write : writes) {
      switch (write.kind) {
        case Write::Kind::insert:
          enter(Call::insert, write.execution.job_id);
          break;
        case Write::Kind::finish:
          enter(Call::finish, write.execution.job_id);
          break;
        case Write::Kind::complete:
          enter(Call::complete);
          break;
      }
    }
    inner_->write_all(writes, lease);
  }
  std::vector<Claim> unrecorded_claims(const Lease& lease) override {
    return enter(Call::unrecorded_claims), inner_->unrecorded_claims(lease);
  }
  void complete(std::string_view key, const Lease& lease) override {
    enter(Call::complete), inner_->complete(key, lease);
  }
  std::vector<std::string> renew(std::span<const std::string> keys, const Lease& lease) override {
    enter(Call::renew);
    {
      std::lock_guard lock(mutex_);
      if (losing_leases_) return {keys.begin(), keys.end()};
    }
    return inner_->renew(keys, lease);
  }
  std::vector<Claim> take_over(std::span<const std::string> job_ids, const Lease& lease, int max_attempts) override {
    return enter(Call::take_over), inner_->take_over(job_ids, lease, max_attempts);
  }
  void pause(std::string_view job_id, const Pause& pause) override {
    enter(Call::pause, job_id), inner_->pause(job_id, pause);
  }
  bool resume(std::string_view job_id, TimePoint at) override {
    return enter(Call::resume, job_id), inner_->resume(job_id, at);
  }
  std::vector<PauseRecord> pauses() override { return enter(Call::pauses), inner_->pauses(); }
  std::size_t count(std::string_view job_id, std::span<const Outcome> outcomes, TimePoint since) override {
    return enter(Call::count, job_id), inner_->count(job_id, outcomes, since);
  }
  Pruned prune(std::string_view job_id, const PruneLimits& limits, const Lease& lease) override {
    return enter(Call::prune, job_id), inner_->prune(job_id, limits, lease);
  }
  bool shared() const override {
    std::lock_guard lock(mutex_);
    return losing_leases_ || inner_->shared();
  }

 private:
  struct Fault {
    int times;
    std::string message;
  };

  void enter(Call call, std::string_view job_id = {}) {
    std::unique_lock lock(mutex_);
    ++made_[call];
    auto holds = [&] {
      auto found = blocked_.find(call);
      return found != blocked_.end() && (found->second.empty() || found->second == job_id);
    };
    if (holds()) {
      ++waiting_[call];
      changed_.notify_all();
      changed_.wait(lock, [&] { return !holds(); });
      --waiting_[call];
    }
    auto fault = faults_.find(call);
    if (fault == faults_.end()) return;
    std::string message = fault->second.message;
    if (fault->second.times > 0 && --fault->second.times == 0) faults_.erase(fault);
    throw StoreError(message);
  }

  std::unique_ptr<Store> inner_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<Call, Fault> faults_;
  std::map<Call, std::string> blocked_;
  std::map<Call, int> waiting_;
  std::map<Call, int> made_;
  bool losing_leases_ = false;
};

}  // namespace cron::test

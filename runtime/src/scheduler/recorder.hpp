#pragma once
// The recorder (docs/runtime.md): the only part that writes executions. Every write goes through its outbox, in
// order, on a thread of its own. Whatever is queued when the thread is free is written as one group in one
// transaction (a group commit, Store::write_all), so a burst of runs costs a few transactions, not three each. A
// group the store refuses goes back to the head of the outbox whole and is tried again with backoff until it is
// taken, whatever the store (SQLite too), so an outcome is never lost or half-written while the process lives,
// and never written under the scheduler's lock. What is left at exit is logged, one line each.

#include "scheduler/events.hpp"

#include <cron/store.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace cron::scheduler {

class Recorder {
 public:
  /// Names an execution between its running row and its outcome.
  using Slot = std::uint64_t;

  /// `on_change` runs (with no lock of the recorder's held) after each write or failed write; `on_completed` when
  /// a claim's complete() was written, so the lease keeper stops renewing it.
  Recorder(Store& store, const Lease& lease, Events& events, std::function<void()> on_change,
           std::function<void(const std::string& key)> on_completed);
  ~Recorder();
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  /// Marks runs a dead process left `running` as interrupted and records every claim without an execution as
  /// missed (a process stopped between claiming and recording); queued first, before any run's rows.
  void recover(const std::string& replica, TimePoint now);
  /// Records the running row of an attempt that starts.
  Slot begin(const Execution& execution);
  /// Records the outcome of the attempt `slot` (its running row, or a whole row when that is not written yet).
  void finish(Slot slot, const Execution& execution);
  /// Records an execution that is final already (skipped, missed).
  void record(const Execution& execution);
  /// Marks the claim `key` done once everything queued before it is written (shared stores).
  void complete(const std::string& key);

  /// While `defer` holds, writes wait, at most 200 ms from when it began (what is queued stays queued): the claims
  /// of a burst, which make its ticks late, go to the store first. stop() writes all the same.
  void defer(bool defer);

  /// Nothing is queued or being written, or the store refused the head and it waits for its retry.
  bool settled() const;
  /// Everything queued is written (or the thread has ended).
  bool drained() const;
  /// Waits until everything queued is written (for tests; never returns while the store refuses).
  void wait_until_drained();
  /// Writes what it can (each write once, until one fails), logs the rest one line each, and ends the thread.
  void stop();

 private:
  struct Entry {
    enum class Kind { recover, begin, finish, record, complete } kind;
    Slot slot = 0;
    Execution execution;  ///< begin, finish, record; for recover: the replica and the time in `replica`/`started`
    std::string key;      ///< complete
  };

  /// The most entries one transaction writes.
  static constexpr std::size_t kMaxGroup = 1000;

  void loop();
  /// The outbox's head, up to kMaxGroup entries; a recover entry is a group of its own (mutex_ held).
  std::vector<Entry> take_group();
  /// Writes one group, all or nothing; throws what the store throws.
  void write(std::vector<Entry>& group);
  /// Marks what a stopped process left running interrupted and records its claims without an execution.
  void write_recovery(const Entry& entry);
  void log_unrecorded(const Entry& entry);
  /// A refused running row whose outcome is queued behind it becomes that outcome, as a whole row (mutex_ held).
  void take_outcome_of_refused_begin(Entry& entry);
  /// An entry taken off the outbox: a running row whose outcome came before it was written becomes that outcome,
  /// as a whole row (mutex_ held).
  void leave_outbox(Entry& entry);

  Store& store_;
  const Lease& lease_;
  Events& events_;
  std::function<void()> on_change_;
  std::function<void(const std::string&)> on_completed_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable drained_;
  std::deque<Entry> outbox_;
  std::map<Slot, std::int64_t> row_ids_;  ///< running rows written, by slot, until their outcome is
  std::unordered_set<Slot> queued_begins_;  ///< running rows in the outbox, not written yet
  std::unordered_map<Slot, Execution> early_outcomes_;  ///< outcomes of those, written in their place
  Slot next_slot_ = 1;
  bool writing_ = false;   ///< an entry is off the outbox, being written
  bool refused_ = false;   ///< the last write failed: the head waits for `retry_at_`
  std::chrono::steady_clock::time_point retry_at_{};
  std::chrono::milliseconds backoff_;
  bool deferring_ = false;
  std::chrono::steady_clock::time_point defer_until_{};
  bool stopping_ = false;
  bool finished_ = false;  ///< the thread has ended: nothing more is written
  std::thread thread_;
};

}  // namespace cron::scheduler

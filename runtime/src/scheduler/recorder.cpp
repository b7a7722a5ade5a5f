#include "scheduler/recorder.hpp"

#include <algorithm>

namespace cron::scheduler {

namespace {
constexpr std::chrono::milliseconds kFirstBackoff{50};
constexpr std::chrono::milliseconds kMaxBackoff{5000};
/// The longest writes wait for claims: a burst's claims are done by then, and a hung claim holds no outcome long.
constexpr std::chrono::milliseconds kMaxDefer{200};
}  // namespace

Recorder::Recorder(Store& store, const Lease& lease, Events& events, std::function<void()> on_change,
                   std::function<void(const std::string&)> on_completed)
    : store_(store),
      lease_(lease),
      events_(events),
      on_change_(std::move(on_change)),
      on_completed_(std::move(on_completed)),
      backoff_(kFirstBackoff) {
  thread_ = std::thread([this] { loop(); });
}

Recorder::~Recorder() { stop(); }

void Recorder::recover(const std::string& replica, TimePoint now) {
  Entry entry{Entry::Kind::recover, 0, {}, {}};
  entry.execution.replica = replica;
  entry.execution.started = now;
  std::lock_guard lock(mutex_);
  outbox_.push_front(std::move(entry));
  wake_.notify_all();
}

Recorder::Slot Recorder::begin(const Execution& execution) {
  std::lock_guard lock(mutex_);
  Slot slot = next_slot_++;
  outbox_.push_back({Entry::Kind::begin, slot, execution, {}});
  queued_begins_.insert(slot);
  wake_.notify_all();
  return slot;
}

void Recorder::finish(Slot slot, const Execution& execution) {
  std::lock_guard lock(mutex_);
  // A running row not written yet is not written at all: the outcome takes its place, as a whole row, when the
  // row leaves the outbox (a lookup, not a search of the outbox, which may hold a burst's thousands of rows).
  if (queued_begins_.contains(slot)) {
    early_outcomes_.insert_or_assign(slot, execution);
  } else {
    outbox_.push_back({Entry::Kind::finish, slot, execution, {}});
  }
  wake_.notify_all();
}

void Recorder::leave_outbox(Entry& entry) {
  if (entry.kind != Entry::Kind::begin) return;
  queued_begins_.erase(entry.slot);
  auto outcome = early_outcomes_.find(entry.slot);
  if (outcome == early_outcomes_.end()) return;
  entry = {Entry::Kind::record, 0, std::move(outcome->second), {}};
  early_outcomes_.erase(outcome);
}

void Recorder::record(const Execution& execution) {
  std::lock_guard lock(mutex_);
  outbox_.push_back({Entry::Kind::record, 0, execution, {}});
  wake_.notify_all();
}

void Recorder::complete(const std::string& key) {
  std::lock_guard lock(mutex_);
  outbox_.push_back({Entry::Kind::complete, 0, {}, key});
  wake_.notify_all();
}

void Recorder::take_outcome_of_refused_begin(Entry& entry) {
  if (entry.kind != Entry::Kind::begin) return;
  // The outcome arrived while the running row was being written (so finish() could not replace it): it takes the
  // running row's place now, as a whole row, exactly as if it had arrived before the write.
  auto outcome = std::find_if(outbox_.begin(), outbox_.end(), [&](const Entry& queued) {
    return queued.kind == Entry::Kind::finish && queued.slot == entry.slot;
  });
  if (outcome == outbox_.end()) return;
  entry = {Entry::Kind::record, 0, std::move(outcome->execution), {}};
  outbox_.erase(outcome);
}

void Recorder::defer(bool defer) {
  std::lock_guard lock(mutex_);
  if (defer && !deferring_) defer_until_ = std::chrono::steady_clock::now() + kMaxDefer;
  deferring_ = defer;
  wake_.notify_all();
}

bool Recorder::drained() const {
  std::lock_guard lock(mutex_);
  return (!writing_ && outbox_.empty()) || finished_;
}

bool Recorder::settled() const {
  std::lock_guard lock(mutex_);
  return !writing_ && (outbox_.empty() || refused_);
}

void Recorder::wait_until_drained() {
  std::unique_lock lock(mutex_);
  drained_.wait(lock, [&] { return (!writing_ && outbox_.empty()) || finished_; });
}

void Recorder::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    wake_.notify_all();
  }
  if (thread_.joinable()) thread_.join();
}

void Recorder::write_recovery(const Entry& entry) {
  std::size_t interrupted = store_.mark_interrupted();
  if (interrupted > 0) {
    events_.log({.kind = LogEvent::Kind::interrupted,
                 .message = std::to_string(interrupted) + " execution(s) left running by a stopped process"});
  }
  for (const Claim& claim : store_.unrecorded_claims(lease_)) {
    Execution missed;
    missed.job_id = claim.job_id;
    missed.key = claim.key;
    missed.scheduled = claim.scheduled;
    missed.trigger = claim.trigger;
    missed.outcome = Outcome::missed;
    missed.started = entry.execution.started;
    missed.finished = entry.execution.started;
    missed.message = "the tick was claimed, but the process stopped before it ran";
    missed.replica = entry.execution.replica;
    store_.insert(missed);
    events_.log({.kind = LogEvent::Kind::missed, .job_id = missed.job_id, .key = missed.key,
                 .outcome = Outcome::missed, .message = missed.message});
  }
}

void Recorder::write(std::vector<Entry>& group) {
  if (group.front().kind == Entry::Kind::recover) return write_recovery(group.front());
  std::vector<Write> writes;
  writes.reserve(group.size());
  {
    std::lock_guard lock(mutex_);
    for (Entry& entry : group) {
      switch (entry.kind) {
        case Entry::Kind::recover:
          break;  // always alone in its group
        case Entry::Kind::begin:
        case Entry::Kind::record:
          writes.push_back({Write::Kind::insert, entry.execution, {}});
          break;
        case Entry::Kind::finish: {
          // Its running row is written (finish() replaces one that is not); an outcome whose row id is unknown is
          // written as a whole row.
          auto row = row_ids_.find(entry.slot);
          writes.push_back({row == row_ids_.end() ? Write::Kind::insert : Write::Kind::finish, entry.execution, {}});
          if (row != row_ids_.end()) writes.back().execution.id = row->second;
          break;
        }
        case Entry::Kind::complete:
          writes.push_back({Write::Kind::complete, {}, entry.key});
          break;
      }
    }
  }
  store_.write_all(writes, lease_);
  std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < group.size(); ++i) {
    if (group[i].kind == Entry::Kind::begin) row_ids_[group[i].slot] = writes[i].execution.id;
    if (group[i].kind == Entry::Kind::finish) row_ids_.erase(group[i].slot);
  }
}

void Recorder::log_unrecorded(const Entry& entry) {
  const Execution& e = entry.execution;
  std::string what;
  switch (entry.kind) {
    case Entry::Kind::recover:
      what = "the check for runs a stopped process left behind";
      break;
    case Entry::Kind::begin:
      what = "attempt " + std::to_string(e.attempt) + " running";
      break;
    case Entry::Kind::finish:
    case Entry::Kind::record:
      what = "attempt " + std::to_string(e.attempt) + " " + std::string(to_string(e.outcome)) +
             (e.message.empty() ? "" : " (" + e.message + ")");
      break;
    case Entry::Kind::complete:
      what = "its claim's completion (the lease expires instead)";
      break;
  }
  events_.log({.kind = LogEvent::Kind::unrecorded,
               .job_id = e.job_id,
               .key = entry.kind == Entry::Kind::complete ? entry.key : e.key,
               .attempt = e.attempt,
               .outcome = e.outcome,
               .message = what});
}

std::vector<Recorder::Entry> Recorder::take_group() {
  std::vector<Entry> group;
  while (!outbox_.empty() && group.size() < kMaxGroup) {
    bool recover = outbox_.front().kind == Entry::Kind::recover;
    if (recover && !group.empty()) break;
    group.push_back(std::move(outbox_.front()));
    outbox_.pop_front();
    leave_outbox(group.back());
    if (recover) break;
  }
  return group;
}

void Recorder::loop() {
  std::unique_lock lock(mutex_);
  bool failed_while_stopping = false;
  while (true) {
    if (!stopping_) {
      if (refused_) wake_.wait_until(lock, retry_at_, [&] { return stopping_; });
      wake_.wait(lock, [&] { return stopping_ || !outbox_.empty(); });
      if (deferring_) wake_.wait_until(lock, defer_until_, [&] { return stopping_ || !deferring_; });
    }
    if (outbox_.empty()) {
      if (stopping_) break;
      continue;
    }
    if (stopping_ && failed_while_stopping) break;
    std::vector<Entry> group = take_group();
    writing_ = true;
    lock.unlock();
    bool written = false;
    try {
      write(group);
      written = true;
      events_.store_answered();
    } catch (const std::exception& failure) {
      bool first = !refused_;  // one line per outage, not one per retry (read without the lock: this thread's own)
      const Entry& head = group.front();
      if (first) events_.store_failed(failure, head.kind == Entry::Kind::complete ? head.key : head.execution.key);
    }
    if (written && on_completed_) {
      for (const Entry& entry : group)
        if (entry.kind == Entry::Kind::complete) on_completed_(entry.key);
    }
    lock.lock();
    writing_ = false;
    if (written) {
      refused_ = false;
      backoff_ = kFirstBackoff;
    } else {
      for (Entry& entry : group) {
        take_outcome_of_refused_begin(entry);
        if (entry.kind == Entry::Kind::begin) queued_begins_.insert(entry.slot);
      }
      outbox_.insert(outbox_.begin(), std::make_move_iterator(group.begin()), std::make_move_iterator(group.end()));
      refused_ = true;
      retry_at_ = std::chrono::steady_clock::now() + backoff_;
      backoff_ = std::min(backoff_ * 2, kMaxBackoff);
      if (stopping_) failed_while_stopping = true;
    }
    if (outbox_.empty()) drained_.notify_all();
    lock.unlock();
    if (on_change_) on_change_();
    lock.lock();
  }
  std::deque<Entry> left = std::move(outbox_);
  outbox_.clear();
  for (Entry& entry : left) leave_outbox(entry);
  lock.unlock();
  for (const Entry& entry : left) log_unrecorded(entry);
  lock.lock();
  finished_ = true;
  drained_.notify_all();
}

}  // namespace cron::scheduler

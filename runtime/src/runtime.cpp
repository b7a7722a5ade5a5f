#include <cron/runtime.hpp>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <exception>
#include <mutex>
#include <queue>
#include <random>
#include <set>
#include <thread>
#include <type_traits>

#include <unistd.h>

namespace cron {

using std::chrono::sys_seconds;

namespace {

/// At most this many `missed` records per job after a long downtime; the rest are summarised in one message.
constexpr int kMaxMissedRecords = 100;
/// How soon a tick whose claim failed (the store could not be reached) is claimed again, within its misfire grace.
constexpr std::chrono::seconds kReclaimDelay{1};

std::string default_replica() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host[0] != '\0' ? host : "localhost") + ":" + std::to_string(getpid());
}

sys_seconds to_seconds(TimePoint time) { return std::chrono::floor<std::chrono::seconds>(time); }

/// Names this Runtime instance in claims: the replica plus a random suffix, so a replica restarted under the same
/// name never renews the leases its previous process held.
std::string claim_owner(const std::string& replica) {
  std::random_device random;
  std::uniform_int_distribution<std::uint64_t> digits;
  char suffix[17];
  std::snprintf(suffix, sizeof suffix, "%016llx", static_cast<unsigned long long>(digits(random)));
  return replica + "#" + suffix;
}

}  // namespace

Options Options::with_environment() && {
  if (const char* value = std::getenv("CRON_STORE"); value != nullptr && *value != '\0') store = value;
  if (const char* value = std::getenv("CRON_DASHBOARD"); value != nullptr) dashboard = value;
  if (const char* value = std::getenv("CRON_DASHBOARD_TOKEN"); value != nullptr) dashboard_token = value;
  if (const char* value = std::getenv("CRON_DISABLED"); value != nullptr)
    disabled = std::string_view(value) == "1" || std::string_view(value) == "true";
  return std::move(*this);
}

struct Runtime::State {
  /// A heap entry: a job's next tick, a retry of a failed attempt, or another try at claiming a tick while the
  /// store could not be reached.
  struct Due {
    enum class Kind { tick, retry, reclaim };
    TimePoint at;
    std::size_t job;
    Kind kind = Kind::tick;
    sys_seconds tick{};
    int attempt = 1;
    bool operator>(const Due& other) const { return at > other.at; }
  };

  /// Work for the pool: one attempt of one tick (or a manual run).
  struct Work {
    std::size_t job;
    sys_seconds tick;
    Trigger trigger;
    int attempt;
    std::string key;
  };

  struct JobState {
    bool running = false;                    ///< an attempt runs or a retry waits: never two at once
    std::optional<sys_seconds> next_tick;    ///< the next scheduled tick (what the heap holds for it)
    std::optional<sys_seconds> last_tick;    ///< the latest tick handled, so a backward jump never repeats one
  };

  Options options;
  std::span<const JobDefinition> jobs;
  std::shared_ptr<Clock> clock;
  std::unique_ptr<Store> store;
  std::string replica;

  mutable std::mutex mutex;
  std::condition_variable timer_wake;
  std::condition_variable work_ready;
  std::condition_variable idle;
  std::priority_queue<Due, std::vector<Due>, std::greater<>> heap;
  std::deque<Work> queue;
  std::vector<JobState> job_states;
  std::vector<std::thread> workers;
  std::thread timer;
  bool started = false;              ///< start() was called: jobs are scheduled
  bool threads_running = false;      ///< the timer and the workers run (a manual run before start() starts them)
  bool stopping = false;
  unsigned busy = 0;
  TimePoint handled_until{};
  int clock_listener = 0;
  std::mutex store_mutex;  ///< stores are called from the timer, the workers and the dashboard
  bool store_failing = false;  ///< the last store call threw (guarded by store_mutex)
  std::mutex log_mutex;    ///< the sink gets one event at a time

  Lease lease;                      ///< this instance's claims: owner and duration
  std::set<std::string> held;       ///< keys of the claims this runtime holds: queued, running or awaiting a retry
  std::set<std::string> executing;  ///< the held keys an endpoint runs for now
  std::vector<Execution> unrecorded;  ///< final outcomes a shared store refused; recorded by the lease keeper
  bool scheduling = false;          ///< started and not disabled: takes over ticks of replicas that died
  std::thread lease_keeper;         ///< renews leases and takes over expired ones (shared stores only)
  std::condition_variable lease_wake;
  bool lease_keeper_stop = false;

  std::optional<std::size_t> find(std::string_view id) const {
    for (std::size_t i = 0; i < jobs.size(); ++i)
      if (jobs[i].id == id) return i;
    return std::nullopt;
  }

  /// Hands an event to the sink; a sink that throws loses that event and nothing else.
  void log(const LogEvent& event) {
    if (!options.log) return;
    std::lock_guard lock(log_mutex);
    try {
      options.log(event);
    } catch (...) {
    }
  }

  void log_store_error(const std::exception& error, const std::string& key = {}) {
    log({.kind = LogEvent::Kind::store_error, .key = key, .message = error.what()});
  }

  /// Calls the store, one caller at a time; the first call that succeeds after a failure is logged.
  template <class Call>
  auto with_store(Call call) -> decltype(call(*store)) {
    std::lock_guard lock(store_mutex);
    bool failed_before = store_failing;
    store_failing = true;  // until the call returns
    auto recovered = [&] {
      store_failing = false;
      if (failed_before) log({.kind = LogEvent::Kind::store_recovered});
    };
    if constexpr (std::is_void_v<decltype(call(*store))>) {
      call(*store);
      recovered();
    } else {
      auto result = call(*store);
      recovered();
      return result;
    }
  }

  void record(Execution& execution) {
    try {
      with_store([&](Store& s) { s.insert(execution); });
    } catch (const std::exception& error) {
      log_store_error(error, execution.key);
    }
  }

  /// Records a tick that does not run (skipped or missed).
  Execution record_not_run(std::size_t job, sys_seconds tick, Outcome outcome, std::string message) {
    Execution execution;
    execution.job_id = std::string(jobs[job].id);
    execution.key = idempotency_key(jobs[job].id, tick);
    execution.scheduled = tick;
    execution.outcome = outcome;
    execution.started = execution.finished = clock->now();
    execution.message = std::move(message);
    execution.replica = replica;
    record(execution);
    log({.kind = outcome == Outcome::skipped ? LogEvent::Kind::skipped : LogEvent::Kind::missed,
         .job_id = execution.job_id,
         .key = execution.key,
         .outcome = outcome,
         .message = execution.message});
    return execution;
  }

  /// Asks the store for a tick (with the lock held). Empty when another runtime claimed it before, or, with
  /// `unreachable` set, when the store could not be asked: nothing is claimed then.
  std::optional<Claim> claim(std::size_t job, sys_seconds tick, Trigger trigger, std::string key,
                             ClaimPurpose purpose, bool& unreachable) {
    Claim request{std::string(jobs[job].id), std::move(key), tick, trigger};
    try {
      return with_store([&](Store& s) { return s.claim(request, purpose, lease); });
    } catch (const std::exception& error) {
      log_store_error(error, request.key);
      unreachable = true;
      return std::nullopt;
    }
  }

  /// Records a tick that passed unrun, if no other replica recorded it first.
  void record_missed(std::size_t job, sys_seconds tick) {
    bool unreachable = false;
    std::string key = idempotency_key(jobs[job].id, tick);
    if (claim(job, tick, Trigger::scheduled, key, ClaimPurpose::record, unreachable)) {
      record_not_run(job, tick, Outcome::missed, "the tick passed while the scheduler was not running");
    } else if (unreachable) {
      log({.kind = LogEvent::Kind::missed,
           .job_id = std::string(jobs[job].id),
           .key = key,
           .outcome = Outcome::missed,
           .message = "the tick passed unrun and unrecorded: the store could not be reached"});
    }
  }

  /// After a long downtime: says how many missed ticks of a job were not recorded (beyond kMaxMissedRecords).
  void log_unrecorded_misses(std::size_t job, int missed) {
    if (missed <= kMaxMissedRecords) return;
    log({.kind = LogEvent::Kind::missed,
         .job_id = std::string(jobs[job].id),
         .outcome = Outcome::missed,
         .message = std::to_string(missed - kMaxMissedRecords) + " more ticks passed unrun and are not recorded"});
  }

  /// Claims a due tick and queues it, or records it skipped while the job still runs here or, with a shared
  /// store, on another replica (with the lock held). A tick the store could not be asked about is claimed again
  /// a second later, until its misfire grace passes.
  void claim_tick(std::size_t job, sys_seconds tick, TimePoint now) {
    JobState& state = job_states[job];
    std::string key = idempotency_key(jobs[job].id, tick);
    bool unreachable = false;
    auto claimed = claim(job, tick, Trigger::scheduled, key, state.running ? ClaimPurpose::record : ClaimPurpose::run,
                         unreachable);
    if (unreachable) {
      heap.push({now + kReclaimDelay, job, Due::Kind::reclaim, tick});
      return;
    }
    if (!claimed) return;  // another replica has it
    if (state.running || claimed->busy) {
      record_not_run(job, tick, Outcome::skipped,
                     state.running ? "the previous run of this job was still running"
                                   : "the previous run of this job was still running on another replica");
      return;
    }
    state.running = true;
    held.insert(key);
    queue.push_back({job, tick, Trigger::scheduled, claimed->attempt, std::move(key)});
    work_ready.notify_one();
  }

  void schedule_after(std::size_t job, sys_seconds after) {
    sys_seconds tick = jobs[job].schedule.next(after);
    job_states[job].next_tick = tick;
    heap.push({tick, job});
  }

  /// Handles a job's tick that came due at `now` (called with the lock held).
  void handle_tick(std::size_t job, sys_seconds tick, TimePoint now) {
    JobState& state = job_states[job];
    if (state.last_tick && tick <= *state.last_tick) {  // the clock went back: this tick already happened
      schedule_after(job, *state.last_tick);
      return;
    }
    // Ticks that passed long ago (downtime, a forward jump): missed, except the latest under run_latest.
    sys_seconds latest = tick;
    int missed = 0;
    while (now - latest > options.misfire_grace) {
      sys_seconds following = jobs[job].schedule.next(latest);
      bool is_latest = following > to_seconds(now);
      if (is_latest && options.catch_up == CatchUp::run_latest) break;
      if (missed < kMaxMissedRecords) record_missed(job, latest);
      ++missed;
      state.last_tick = latest;
      latest = following;
      if (is_latest) {
        log_unrecorded_misses(job, missed);
        schedule_after(job, state.last_tick.value());
        return;
      }
    }
    log_unrecorded_misses(job, missed);
    state.last_tick = latest;
    schedule_after(job, latest);
    claim_tick(job, latest, now);
  }

  void timer_loop() {
    std::unique_lock lock(mutex);
    while (!stopping) {
      TimePoint now = clock->now();
      while (!heap.empty() && heap.top().at <= now) {
        Due due = heap.top();
        heap.pop();
        switch (due.kind) {
          case Due::Kind::tick:
            handle_tick(due.job, to_seconds(due.at), now);
            break;
          case Due::Kind::retry:
            queue.push_back(
                {due.job, due.tick, Trigger::scheduled, due.attempt, idempotency_key(jobs[due.job].id, due.tick)});
            work_ready.notify_one();
            break;
          case Due::Kind::reclaim:
            if (now - due.tick > options.misfire_grace) {
              record_missed(due.job, due.tick);
            } else {
              claim_tick(due.job, due.tick, now);
            }
            break;
        }
      }
      handled_until = now;
      idle.notify_all();
      TimePoint deadline = heap.empty() ? now + std::chrono::hours(1) : heap.top().at;
      clock->wait_until(timer_wake, lock, deadline);
    }
  }

  /// Runs one attempt; returns the execution, and in `recorded` whether the store took its final outcome.
  Execution execute(const Work& work, bool& recorded) {
    const JobDefinition& job = jobs[work.job];
    Execution execution;
    execution.job_id = std::string(job.id);
    execution.key = work.key;
    execution.scheduled = work.tick;
    execution.trigger = work.trigger;
    execution.attempt = work.attempt;
    execution.started = clock->now();
    execution.replica = replica;
    try {
      with_store([&](Store& s) { s.insert(execution); });
    } catch (const std::exception& error) {
      log_store_error(error, execution.key);
    }
    log({.kind = LogEvent::Kind::started, .job_id = execution.job_id, .key = execution.key, .attempt = work.attempt});
    auto began = std::chrono::steady_clock::now();
    run_endpoint(job, work, execution);
    auto elapsed = std::chrono::steady_clock::now() - began;
    execution.finished = execution.started + std::chrono::duration_cast<TimePoint::duration>(elapsed);
    if (auto timeout = options.timeouts.find(job.id); timeout != options.timeouts.end() && elapsed > timeout->second) {
      execution.message = "ran " + std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()) +
                          " ms, past its deadline of " + std::to_string(timeout->second.count()) + " ms" +
                          (execution.message.empty() ? "" : ": " + execution.message);
      execution.outcome = Outcome::timed_out;
    }
    recorded = record_final(execution);
    log({.kind = LogEvent::Kind::finished,
         .job_id = execution.job_id,
         .key = execution.key,
         .attempt = execution.attempt,
         .outcome = execution.outcome,
         .duration = execution.duration(),
         .message = execution.message});
    return execution;
  }

  /// Records a final outcome: an update of the running row, or a new row when inserting that one failed.
  bool record_final(Execution& execution) {
    try {
      with_store([&](Store& s) { execution.id == 0 ? s.insert(execution) : s.finish(execution); });
      return true;
    } catch (const std::exception& error) {
      log_store_error(error, execution.key);
      return false;
    }
  }

  /// An attempt ended and no retry follows: lets the tick's claim go (with the lock held). With a shared store,
  /// an outcome the store refused keeps the claim (and its lease) until the lease keeper records it, so no other
  /// replica runs the tick again meanwhile.
  void release_claim(const Execution& execution, bool recorded) {
    executing.erase(execution.key);
    if (!recorded && store->shared()) {
      unrecorded.push_back(execution);
      lease_wake.notify_one();
      return;
    }
    held.erase(execution.key);
    try {
      with_store([&](Store& s) { s.complete(execution.key, lease); });
    } catch (const std::exception& error) {
      // The lease expires and another replica runs the tick again: at least once.
      log_store_error(error, execution.key);
    }
  }

  /// At stop: gives the claims of ticks that will not run here (queued, or awaiting a retry) back to the other
  /// replicas at once, instead of when their lease would expire (with the lock held).
  void release_idle_claims() {
    std::vector<std::string> idle_keys;
    for (const std::string& key : held)
      if (!executing.contains(key)) idle_keys.push_back(key);
    if (idle_keys.empty() || !store->shared()) return;
    for (const std::string& key : idle_keys) held.erase(key);
    try {
      with_store([&](Store& s) { s.renew(idle_keys, Lease{lease.owner, std::chrono::milliseconds(0)}); });
    } catch (const std::exception& error) {
      log_store_error(error);
    }
  }

  /// The lease keeper's thread (shared stores): every third of the lease, renews the claims held, records the
  /// outcomes the store refused before, and takes over ticks whose replica stopped renewing.
  void keep_leases() {
    auto interval = std::max<std::chrono::milliseconds>(lease.duration / 3, std::chrono::milliseconds(50));
    std::unique_lock lock(mutex);
    while (!lease_keeper_stop) {
      lease_wake.wait_for(lock, interval);
      if (lease_keeper_stop) break;
      renew_leases(lock);
      record_unrecorded(lock);
      if (scheduling && !stopping) take_over(lock);
    }
  }

  void renew_leases(std::unique_lock<std::mutex>& lock) {
    std::vector<std::string> keys(held.begin(), held.end());
    if (keys.empty()) return;
    lock.unlock();
    std::vector<std::string> lost;
    try {
      lost = with_store([&](Store& s) { return s.renew(keys, lease); });
    } catch (const std::exception& error) {
      log_store_error(error);
    }
    lock.lock();
    for (const std::string& key : lost) {
      if (!held.erase(key)) continue;
      log({.kind = LogEvent::Kind::lease_lost, .key = key, .message = "another replica may run it again"});
    }
  }

  void record_unrecorded(std::unique_lock<std::mutex>& lock) {
    std::vector<Execution> pending = std::move(unrecorded);
    unrecorded.clear();
    if (pending.empty()) return;
    lock.unlock();
    std::vector<Execution> still;
    std::vector<std::string> done;
    for (Execution& execution : pending) {
      if (!record_final(execution)) {
        still.push_back(std::move(execution));
        continue;
      }
      try {
        with_store([&](Store& s) { s.complete(execution.key, lease); });
      } catch (const std::exception& error) {
        log_store_error(error, execution.key);
      }
      done.push_back(execution.key);
    }
    lock.lock();
    for (const std::string& key : done) held.erase(key);
    for (Execution& execution : still) unrecorded.push_back(std::move(execution));
  }

  void take_over(std::unique_lock<std::mutex>& lock) {
    std::vector<std::string> idle_jobs;  // a job running here waits: it never runs twice at once in one process
    for (std::size_t job = 0; job < jobs.size(); ++job)
      if (!job_states[job].running) idle_jobs.emplace_back(jobs[job].id);
    if (idle_jobs.empty()) return;
    int max_attempts = std::max(options.retry.max_attempts, 2);
    lock.unlock();
    std::vector<Claim> claims;
    try {
      claims = with_store([&](Store& s) { return s.take_over(idle_jobs, lease, max_attempts); });
    } catch (const std::exception& error) {
      log_store_error(error);
    }
    lock.lock();
    std::vector<std::string> returned;
    for (Claim& claim : claims) {
      auto job = find(claim.job_id);
      if (!job || job_states[*job].running || stopping) {
        returned.push_back(claim.key);
        continue;
      }
      log({.kind = LogEvent::Kind::taken_over,
           .job_id = claim.job_id,
           .key = claim.key,
           .attempt = claim.attempt,
           .message = "its replica stopped renewing the lease; running it here"});
      job_states[*job].running = true;
      held.insert(claim.key);
      queue.push_back({*job, claim.scheduled, claim.trigger, claim.attempt, std::move(claim.key)});
      work_ready.notify_one();
    }
    if (returned.empty()) return;
    try {
      with_store([&](Store& s) { s.renew(returned, Lease{lease.owner, std::chrono::milliseconds(0)}); });
    } catch (const std::exception& error) {
      log_store_error(error);
    }
  }

  void stop_lease_keeper() {
    {
      std::lock_guard lock(mutex);
      lease_keeper_stop = true;
      lease_wake.notify_all();
    }
    if (lease_keeper.joinable()) lease_keeper.join();
    std::unique_lock lock(mutex);
    record_unrecorded(lock);  // a last try before the process goes
  }

  static void run_endpoint(const JobDefinition& job, const Work& work, Execution& execution);
  void join_workers() {
    for (auto& worker : workers)
      if (worker.joinable()) worker.join();
    workers.clear();
  }

  /// Every tick due by the clock's current time has been taken off the heap (with the lock held).
  bool due_ticks_handled() const;

  void worker_loop() {
    std::unique_lock lock(mutex);
    while (true) {
      work_ready.wait(lock, [&] { return stopping || !queue.empty(); });
      if (queue.empty()) return;
      Work work = std::move(queue.front());
      queue.pop_front();
      ++busy;
      executing.insert(work.key);
      lock.unlock();
      bool recorded = false;
      Execution execution = execute(work, recorded);
      lock.lock();
      --busy;
      bool failed = execution.outcome == Outcome::failed || execution.outcome == Outcome::timed_out;
      if (failed && work.trigger == Trigger::scheduled && work.attempt < options.retry.max_attempts && !stopping) {
        auto backoff = std::chrono::duration_cast<TimePoint::duration>(
            options.retry.initial_backoff * std::pow(options.retry.multiplier, work.attempt - 1));
        heap.push({clock->now() + backoff, work.job, Due::Kind::retry, work.tick, work.attempt + 1});
        log({.kind = LogEvent::Kind::retrying,
             .job_id = execution.job_id,
             .key = work.key,
             .attempt = work.attempt + 1,
             .duration = std::chrono::duration_cast<std::chrono::milliseconds>(backoff)});
        executing.erase(work.key);
        timer_wake.notify_one();
      } else {
        job_states[work.job].running = false;
        release_claim(execution, recorded);
      }
      idle.notify_all();
    }
  }
};

namespace {
thread_local const CurrentExecution* current = nullptr;
}

void Runtime::State::run_endpoint(const JobDefinition& job, const Work& work, Execution& execution) {
  CurrentExecution context{job.id, execution.key, work.tick, work.attempt, work.trigger};
  current = &context;
  try {
    Status status = job.run();
    execution.outcome = status.ok() ? Outcome::succeeded : Outcome::failed;
    execution.message = status.message();
  } catch (const std::exception& error) {
    execution.outcome = Outcome::failed;
    execution.message = error.what();
  } catch (...) {
    execution.outcome = Outcome::failed;
    execution.message = "the endpoint threw an exception that is not a std::exception";
  }
  current = nullptr;
}

std::optional<CurrentExecution> current_execution() {
  if (current == nullptr) return std::nullopt;
  return *current;
}

Runtime::Runtime(Options options, std::span<const JobDefinition> jobs) : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.options = std::move(options);
  s.jobs = jobs;
  s.clock = s.options.clock ? s.options.clock : std::make_shared<SystemClock>();
  s.store = s.options.store_instance ? std::move(s.options.store_instance) : open_store(s.options.store);
  s.replica = s.options.replica.empty() ? default_replica() : s.options.replica;
  s.lease = {claim_owner(s.replica), s.options.lease};
  s.job_states.resize(jobs.size());
  s.clock_listener = s.clock->on_change([&s] {
    std::lock_guard lock(s.mutex);
    s.timer_wake.notify_all();
  });
  if (s.store->shared()) s.lease_keeper = std::thread([&s] { s.keep_leases(); });
}

Runtime::~Runtime() {
  stop(std::chrono::milliseconds::max());
  state_->join_workers();
  state_->stop_lease_keeper();
  state_->clock->remove_listener(state_->clock_listener);
}

const Options& Runtime::options() const { return state_->options; }

const std::string& Runtime::replica() const { return state_->replica; }

void Runtime::start() {
  State& s = *state_;
  std::lock_guard lock(s.mutex);
  if (s.started) return;
  s.started = true;
  try {
    std::size_t interrupted = s.with_store([](Store& store) { return store.mark_interrupted(); });
    if (interrupted > 0) {
      s.log({.kind = LogEvent::Kind::interrupted,
             .message = std::to_string(interrupted) + " execution(s) left running by a stopped process"});
    }
  } catch (const std::exception& error) {
    s.log_store_error(error);
  }
  sys_seconds now = to_seconds(s.clock->now());
  for (std::size_t job = 0; job < s.jobs.size() && !s.options.disabled; ++job) {
    std::optional<sys_seconds> last;
    try {
      last = s.with_store([&](Store& store) { return store.last_tick(s.jobs[job].id); });
    } catch (const std::exception& error) {
      s.log_store_error(error);
    }
    s.job_states[job].last_tick = last;
    s.schedule_after(job, last.value_or(now));
  }
  s.scheduling = !s.options.disabled;
  // A manual run before start() may have started the timer and one worker already.
  while (s.workers.size() < std::max(1u, s.options.workers)) s.workers.emplace_back([&s] { s.worker_loop(); });
  if (!s.threads_running) s.timer = std::thread([&s] { s.timer_loop(); });
  s.threads_running = true;
  s.timer_wake.notify_all();
}

std::vector<std::string> Runtime::stop(std::chrono::milliseconds deadline) {
  State& s = *state_;
  std::vector<std::string> still_running;
  {
    std::unique_lock lock(s.mutex);
    if (!s.threads_running || s.stopping) return still_running;
    s.stopping = true;
    s.queue.clear();
    s.release_idle_claims();
    for (std::size_t job = 0; job < s.jobs.size(); ++job)
      if (s.job_states[job].running && s.busy == 0) s.job_states[job].running = false;
    s.timer_wake.notify_all();
    s.work_ready.notify_all();
    auto until = deadline == std::chrono::milliseconds::max()
                     ? std::chrono::steady_clock::time_point::max()
                     : std::chrono::steady_clock::now() + deadline;
    while (s.busy > 0 && std::chrono::steady_clock::now() < until) s.idle.wait_until(lock, until);
    for (std::size_t job = 0; job < s.jobs.size(); ++job)
      if (s.job_states[job].running && s.busy > 0) still_running.emplace_back(s.jobs[job].id);
  }
  if (s.timer.joinable()) s.timer.join();
  // Workers still inside an endpoint past the deadline cannot be stopped; the destructor waits for them.
  if (still_running.empty()) s.join_workers();
  return still_running;
}

TriggerResult Runtime::trigger(std::string_view id) {
  State& s = *state_;
  std::lock_guard lock(s.mutex);
  auto job = s.find(id);
  if (!job) return {TriggerResult::Status::unknown_job, {}};
  if (s.job_states[*job].running || s.stopping) return {TriggerResult::Status::already_running, {}};
  auto now = std::chrono::floor<std::chrono::milliseconds>(s.clock->now());
  sys_seconds tick = to_seconds(now);
  std::string key = std::string(id) + "@manual-" + format_utc(tick).substr(0, 19) + "." +
                    std::to_string((now - tick).count() + 1000).substr(1) + "Z";
  bool unreachable = false;
  auto claimed = s.claim(*job, tick, Trigger::manual, key, ClaimPurpose::run, unreachable);
  if (unreachable) return {TriggerResult::Status::unavailable, {}};
  if (!claimed || claimed->busy) return {TriggerResult::Status::already_running, {}};
  s.job_states[*job].running = true;
  s.held.insert(key);
  s.queue.push_back({*job, tick, Trigger::manual, 1, key});
  s.work_ready.notify_one();
  if (!s.threads_running) {
    // Not started: run it on a worker of its own; start() adds the rest of the pool and schedules the jobs.
    s.threads_running = true;
    s.workers.emplace_back([&s] { s.worker_loop(); });
    s.timer = std::thread([&s] { s.timer_loop(); });
  }
  return {TriggerResult::Status::started, key};
}

std::optional<Execution> Runtime::run_tick(std::string_view id, sys_seconds scheduled) {
  State& s = *state_;
  auto job = s.find(id);
  if (!job) return std::nullopt;
  std::string key = idempotency_key(id, scheduled);
  std::optional<Claim> claimed;
  bool unreachable = false;
  {
    std::lock_guard lock(s.mutex);
    claimed = s.claim(*job, scheduled, Trigger::scheduled, key, ClaimPurpose::run, unreachable);
    if (claimed && claimed->busy) {
      return s.record_not_run(*job, scheduled, Outcome::skipped,
                              "the previous run of this job was still running on another replica");
    }
    if (claimed) {
      s.held.insert(key);
      s.executing.insert(key);
    }
  }
  Execution execution;
  if (!claimed) {  // not recorded: the replica that holds the tick records it
    execution.job_id = std::string(id);
    execution.key = key;
    execution.scheduled = scheduled;
    execution.outcome = unreachable ? Outcome::failed : Outcome::skipped;
    execution.message = unreachable ? "the store could not be reached, so the tick was not claimed"
                                    : "another replica claimed this tick";
    execution.replica = s.replica;
    return execution;
  }
  bool recorded = false;
  for (int attempt = claimed->attempt;; ++attempt) {
    execution = s.execute({*job, scheduled, Trigger::scheduled, attempt, key}, recorded);
    bool failed = execution.outcome == Outcome::failed || execution.outcome == Outcome::timed_out;
    if (!failed || attempt >= s.options.retry.max_attempts) break;
    auto backoff = std::chrono::duration_cast<std::chrono::milliseconds>(
        s.options.retry.initial_backoff * std::pow(s.options.retry.multiplier, attempt - 1));
    s.log({.kind = LogEvent::Kind::retrying, .job_id = execution.job_id, .key = key, .attempt = attempt + 1,
           .duration = backoff});
    std::this_thread::sleep_for(backoff);
  }
  std::lock_guard lock(s.mutex);
  s.release_claim(execution, recorded);
  return execution;
}

bool Runtime::State::due_ticks_handled() const {
  TimePoint now = clock->now();
  return handled_until >= now && (heap.empty() || heap.top().at > now);
}

void Runtime::wait_until_idle() {
  State& s = *state_;
  std::unique_lock lock(s.mutex);
  s.idle.wait(lock, [&] { return s.stopping || (s.due_ticks_handled() && s.queue.empty() && s.busy == 0); });
}

void Runtime::wait_until_ticks_handled() {
  State& s = *state_;
  std::unique_lock lock(s.mutex);
  s.idle.wait(lock, [&] { return s.stopping || s.due_ticks_handled(); });
}

std::vector<JobSnapshot> Runtime::snapshot(std::size_t recent) const {
  State& s = *state_;
  std::vector<JobSnapshot> jobs;
  for (std::size_t job = 0; job < s.jobs.size(); ++job) {
    JobSnapshot snapshot;
    const JobDefinition& definition = s.jobs[job];
    snapshot.id = definition.id;
    snapshot.title = definition.title;
    snapshot.schedule = definition.schedule_text;
    snapshot.description = definition.schedule.describe();
    {
      std::lock_guard lock(s.mutex);
      snapshot.next_run = s.job_states[job].next_tick;
      snapshot.running = s.job_states[job].running;
    }
    snapshot.recent = history(definition.id, recent);
    jobs.push_back(std::move(snapshot));
  }
  return jobs;
}

std::vector<Execution> Runtime::history(std::string_view id, std::size_t limit, std::int64_t before_id) const {
  try {
    return state_->with_store([&](Store& store) { return store.history(id, limit, before_id); });
  } catch (const std::exception& error) {
    state_->log_store_error(error);
    return {};
  }
}

}  // namespace cron

#include <cron/runtime.hpp>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <exception>
#include <iostream>
#include <mutex>
#include <queue>
#include <thread>

#include <unistd.h>

namespace cron {

using std::chrono::sys_seconds;

namespace {

/// At most this many `missed` records per job after a long downtime; the rest are summarised in one message.
constexpr int kMaxMissedRecords = 100;

std::string default_replica() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host[0] != '\0' ? host : "localhost") + ":" + std::to_string(getpid());
}

sys_seconds to_seconds(TimePoint time) { return std::chrono::floor<std::chrono::seconds>(time); }

void log_store_error(const std::exception& error) {
  std::cerr << "cron: store error: " << error.what() << std::endl;
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
  /// A heap entry: a job's next tick, or a retry of a failed attempt.
  struct Due {
    TimePoint at;
    std::size_t job;
    bool retry = false;
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
  bool started = false;
  bool stopping = false;
  unsigned busy = 0;
  TimePoint handled_until{};
  int clock_listener = 0;
  std::mutex store_mutex;  ///< stores are called from the timer, the workers and the dashboard

  std::optional<std::size_t> find(std::string_view id) const {
    for (std::size_t i = 0; i < jobs.size(); ++i)
      if (jobs[i].id == id) return i;
    return std::nullopt;
  }

  template <class Call>
  auto with_store(Call call) -> decltype(call(*store)) {
    std::lock_guard lock(store_mutex);
    return call(*store);
  }

  void record(Execution execution) {
    try {
      with_store([&](Store& s) { s.insert(execution); });
    } catch (const std::exception& error) {
      log_store_error(error);
    }
  }

  /// Records a tick that does not run (skipped or missed).
  void record_not_run(std::size_t job, sys_seconds tick, Outcome outcome, std::string message) {
    Execution execution;
    execution.job_id = std::string(jobs[job].id);
    execution.key = idempotency_key(jobs[job].id, tick);
    execution.scheduled = tick;
    execution.outcome = outcome;
    execution.started = execution.finished = clock->now();
    execution.message = std::move(message);
    execution.replica = replica;
    record(std::move(execution));
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
      if (missed < kMaxMissedRecords) {
        record_not_run(job, latest, Outcome::missed, "the tick passed while the scheduler was not running");
      }
      ++missed;
      state.last_tick = latest;
      latest = following;
      if (is_latest) {
        schedule_after(job, state.last_tick.value());
        return;
      }
    }
    state.last_tick = latest;
    schedule_after(job, latest);
    if (state.running) {
      record_not_run(job, latest, Outcome::skipped, "the previous run of this job was still running");
      return;
    }
    state.running = true;
    queue.push_back({job, latest, Trigger::scheduled, 1, idempotency_key(jobs[job].id, latest)});
    work_ready.notify_one();
  }

  void timer_loop() {
    std::unique_lock lock(mutex);
    while (!stopping) {
      TimePoint now = clock->now();
      while (!heap.empty() && heap.top().at <= now) {
        Due due = heap.top();
        heap.pop();
        if (due.retry) {
          queue.push_back({due.job, due.tick, Trigger::scheduled, due.attempt, idempotency_key(jobs[due.job].id, due.tick)});
          work_ready.notify_one();
        } else {
          handle_tick(due.job, to_seconds(due.at), now);
        }
      }
      handled_until = now;
      idle.notify_all();
      TimePoint deadline = heap.empty() ? now + std::chrono::hours(1) : heap.top().at;
      clock->wait_until(timer_wake, lock, deadline);
    }
  }

  /// Runs one attempt; returns the recorded execution.
  Execution execute(const Work& work) {
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
      log_store_error(error);
    }
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
    try {
      with_store([&](Store& s) { s.finish(execution); });
    } catch (const std::exception& error) {
      log_store_error(error);
    }
    return execution;
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
      lock.unlock();
      Execution execution = execute(work);
      lock.lock();
      --busy;
      bool failed = execution.outcome == Outcome::failed || execution.outcome == Outcome::timed_out;
      if (failed && work.trigger == Trigger::scheduled && work.attempt < options.retry.max_attempts && !stopping) {
        auto backoff = std::chrono::duration_cast<TimePoint::duration>(
            options.retry.initial_backoff * std::pow(options.retry.multiplier, work.attempt - 1));
        heap.push({clock->now() + backoff, work.job, true, work.tick, work.attempt + 1});
        timer_wake.notify_one();
      } else {
        job_states[work.job].running = false;
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
  s.job_states.resize(jobs.size());
  s.clock_listener = s.clock->on_change([&s] {
    std::lock_guard lock(s.mutex);
    s.timer_wake.notify_all();
  });
}

Runtime::~Runtime() {
  stop(std::chrono::milliseconds::max());
  state_->join_workers();
  state_->clock->remove_listener(state_->clock_listener);
}

const Options& Runtime::options() const { return state_->options; }

void Runtime::start() {
  State& s = *state_;
  std::lock_guard lock(s.mutex);
  if (s.started) return;
  s.started = true;
  try {
    std::size_t interrupted = s.with_store([](Store& store) { return store.mark_interrupted(); });
    if (interrupted > 0) std::cerr << "cron: " << interrupted << " execution(s) interrupted by the last shutdown\n";
  } catch (const std::exception& error) {
    log_store_error(error);
  }
  sys_seconds now = to_seconds(s.clock->now());
  for (std::size_t job = 0; job < s.jobs.size() && !s.options.disabled; ++job) {
    std::optional<sys_seconds> last;
    try {
      last = s.with_store([&](Store& store) { return store.last_tick(s.jobs[job].id); });
    } catch (const std::exception& error) {
      log_store_error(error);
    }
    s.job_states[job].last_tick = last;
    s.schedule_after(job, last.value_or(now));
  }
  for (unsigned i = 0; i < std::max(1u, s.options.workers); ++i) s.workers.emplace_back([&s] { s.worker_loop(); });
  s.timer = std::thread([&s] { s.timer_loop(); });
}

std::vector<std::string> Runtime::stop(std::chrono::milliseconds deadline) {
  State& s = *state_;
  std::vector<std::string> still_running;
  {
    std::unique_lock lock(s.mutex);
    if (!s.started || s.stopping) return still_running;
    s.stopping = true;
    s.queue.clear();
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
  s.job_states[*job].running = true;
  s.queue.push_back({*job, tick, Trigger::manual, 1, key});
  s.work_ready.notify_one();
  if (!s.started) {
    // Not started: run it on a worker of its own, as the pool does not exist yet.
    s.started = true;
    s.workers.emplace_back([&s] { s.worker_loop(); });
    s.timer = std::thread([&s] { s.timer_loop(); });
  }
  return {TriggerResult::Status::started, key};
}

std::optional<Execution> Runtime::run_tick(std::string_view id, sys_seconds scheduled) {
  State& s = *state_;
  auto job = s.find(id);
  if (!job) return std::nullopt;
  Execution execution;
  for (int attempt = 1;; ++attempt) {
    execution = s.execute({*job, scheduled, Trigger::scheduled, attempt, idempotency_key(id, scheduled)});
    bool failed = execution.outcome == Outcome::failed || execution.outcome == Outcome::timed_out;
    if (!failed || attempt >= s.options.retry.max_attempts) return execution;
    std::this_thread::sleep_for(s.options.retry.initial_backoff * std::pow(s.options.retry.multiplier, attempt - 1));
  }
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
    log_store_error(error);
    return {};
  }
}

}  // namespace cron

// The Runtime facade: wires the scheduler's parts (runtime/src/scheduler/, docs/runtime.md) and keeps the one
// thing they share, each job's state, under one mutex that guards memory only: no store call runs under it.

#include "process_name.hpp"
#include "scheduler/attempt.hpp"
#include "scheduler/catch_up.hpp"
#include "scheduler/claims.hpp"
#include "scheduler/events.hpp"
#include "scheduler/jitter.hpp"
#include "scheduler/lease_keeper.hpp"
#include "scheduler/overlap_policy.hpp"
#include "scheduler/pauses.hpp"
#include "scheduler/phase.hpp"
#include "scheduler/pruner.hpp"
#include "scheduler/recorder.hpp"
#include "scheduler/timer.hpp"
#include "scheduler/worker_pool.hpp"

#include <cron/backfill.hpp>
#include <cron/health.hpp>
#include <cron/runtime.hpp>
#include <cron/tz_database.hpp>
#include <cron/zoned_schedule.hpp>

#include <condition_variable>
#include <map>
#include <mutex>
#include <stop_token>
#include <thread>

namespace cron {

using std::chrono::sys_seconds;
using namespace scheduler;

namespace {

/// How soon a tick whose claim failed (the store could not be reached) is claimed again, within its misfire grace.
constexpr std::chrono::seconds kReclaimDelay{1};

sys_seconds to_seconds(TimePoint time) { return std::chrono::floor<std::chrono::seconds>(time); }

/// Each job's fire times: its schedule in UTC, or read in its zone from the system's tz database. A zone this
/// machine does not know stops the runtime from being made: a job that silently ran in UTC would run at the
/// wrong hour.
std::vector<ZonedSchedule> fire_times(std::span<const JobDefinition> jobs) {
  constexpr std::string_view kCronTag = "schedule:";
  std::vector<ZonedSchedule> schedules;
  schedules.reserve(jobs.size());
  for (const JobDefinition& job : jobs) {
    if (job.time_zone.empty()) {
      schedules.push_back(ZonedSchedule::in_utc(job.schedule));
      continue;
    }
    const std::string where = "job '" + std::string(job.id) + "': ";
    if (!job.schedule_text.starts_with(kCronTag))
      throw SetupError(where + "a time zone is only for a cron expression; '" + std::string(job.schedule_text) +
                       "' runs from 00:00 UTC");
    std::shared_ptr<const ZoneRules> zone = tz::load_zone(job.time_zone);
    if (!zone)
      throw SetupError(where + "time zone '" + std::string(job.time_zone) +
                       "' is not in this machine's tz database (/usr/share/zoneinfo); install the tzdata package");
    auto zoned = ZonedSchedule::cron(job.schedule_text.substr(kCronTag.size()), std::move(zone));
    if (!zoned) throw SetupError(where + "'" + std::string(job.schedule_text) + "' is not a cron expression");
    schedules.push_back(zoned.value());
  }
  return schedules;
}

/// `options`, unless the environment gave a value with_environment() refused: a SetupError, one line, as for an
/// unknown CRON_STORE scheme.
Options checked(Options options) {
  if (!options.environment_error.empty()) throw SetupError(options.environment_error);
  return options;
}

std::vector<std::string> job_ids(std::span<const JobDefinition> jobs) {
  std::vector<std::string> ids;
  for (const JobDefinition& job : jobs) ids.emplace_back(job.id);
  return ids;
}

}  // namespace

struct Runtime::State {
  struct JobState {
    int active = 0;                        ///< ticks queued, running or waiting for a retry (over 1: `allow`)
    std::optional<Claim> waiting;          ///< the tick `queue_one` or `cancel_running` keeps for when they end
    std::optional<sys_seconds> next_tick;  ///< the next scheduled tick (what the timer holds for it)
    std::optional<sys_seconds> last_tick;  ///< the latest tick handled, so a backward jump never repeats one
    bool running() const { return active > 0; }
  };

  /// An attempt under way: its stop source, and why stop was asked of it (timed_out or cancelled), if it was.
  struct RunningAttempt {
    std::size_t job = 0;
    std::uint64_t run = 0;
    std::stop_source source;
    std::optional<Outcome> stopped_for;
    bool stuck = false;  ///< still running kStuckAfter after stop was requested
  };

  State(Options options_in, std::span<const JobDefinition> jobs_in)
      : options(std::move(options_in)),
        jobs(jobs_in),
        schedules(fire_times(jobs)),
        clock(options.clock ? options.clock : std::make_shared<SystemClock>()),
        store(options.store_instance ? std::move(options.store_instance) : open_store(options.store)),
        replica(options.replica.empty() ? process_name() : options.replica),
        lease{claim_owner(replica), options.lease},
        events(options.log),
        pauses(*store, events),
        job_states(jobs.size()) {
    recorder = std::make_unique<Recorder>(
        *store, lease, events, [this] { notify(); },
        [this](const std::string& key) {
          if (lease_keeper) lease_keeper->release(key);
        });
    recorder->recover(replica, clock->now());
    if (store->shared()) {
      lease_keeper = std::make_unique<LeaseKeeper>(
          *store, lease, events, [this] { return idle_jobs(); },
          [this](std::vector<Claim> claims) { return adopt(std::move(claims)); },
          [this](const std::string& key) { lease_lost(key); });
    }
    pool = std::make_unique<WorkerPool>(options.workers, [this](Work work) { run(std::move(work)); });
    claims = std::make_unique<Claims>(
        *store, lease, events, pauses,
        [this](ClaimRequest request, ClaimAnswer answer) { on_claimed(std::move(request), std::move(answer)); },
        [this](bool busy) { recorder->defer(busy); });
    timer = std::make_unique<Timer>(
        *clock, [this](std::vector<Due> due, TimePoint now) { on_due(std::move(due), now); }, [this] { notify(); });
    pruner = std::make_unique<Pruner>(*store, lease, events, *clock, job_ids(jobs), options.history,
                                      options.misfire_grace, [this] { notify(); });
  }

  Options options;
  std::span<const JobDefinition> jobs;
  std::vector<ZonedSchedule> schedules;  ///< each job's fire times, in its zone
  std::shared_ptr<Clock> clock;
  std::unique_ptr<Store> store;
  std::string replica;
  Lease lease;
  Events events;
  Pauses pauses;  ///< which jobs are paused, as the store last said

  mutable std::mutex mutex;  ///< guards what follows up to the parts
  std::condition_variable changed;  ///< a tick was handled, an attempt ended, the recorder wrote
  Phase phase = Phase::created;
  std::vector<JobState> job_states;
  std::size_t claims_pending = 0;     ///< handed to Claims, not answered yet
  std::size_t attempts_pending = 0;   ///< queued in the pool or running (not those waiting for a retry)
  std::size_t attempts_begun = 0;     ///< of those, running with their `running` row handed to the recorder
  std::map<std::string, RunningAttempt> running;  ///< the attempts under way, by key
  std::uint64_t runs_started = 0;                  ///< numbers each attempt, for its deadline
  std::size_t backfills_pending = 0;               ///< backfills whose ticks have not all been handed on
  std::vector<std::thread> backfills;              ///< one thread per backfill, joined at destruction

  // The parts, destroyed in reverse: the timer first, the recorder last, so every outcome reaches it.
  std::unique_ptr<Recorder> recorder;
  std::unique_ptr<LeaseKeeper> lease_keeper;
  std::unique_ptr<WorkerPool> pool;
  std::unique_ptr<Claims> claims;
  std::unique_ptr<Timer> timer;
  std::unique_ptr<Pruner> pruner;

  std::optional<std::size_t> find(std::string_view id) const {
    for (std::size_t i = 0; i < jobs.size(); ++i)
      if (jobs[i].id == id) return i;
    return std::nullopt;
  }

  void notify() {
    std::lock_guard lock(mutex);
    changed.notify_all();
  }

  ClaimRequest request(std::size_t job, sys_seconds tick, ClaimPurpose purpose, bool missed = false) const {
    return {job, Claim{std::string(jobs[job].id), idempotency_key(jobs[job].id, tick), tick}, purpose, missed};
  }

  /// The job's retries (its `.retries`, else Options::retry) with Options' backoff.
  RetryPolicy retry_policy(std::size_t job) const {
    RetryPolicy policy = options.retry;
    if (jobs[job].retries) policy.max_attempts = *jobs[job].retries + 1;
    return policy;
  }

  /// The job's `.timeout`, else Options::timeout.
  std::optional<std::chrono::milliseconds> timeout(std::size_t job) const {
    if (jobs[job].timeout) return std::chrono::milliseconds(*jobs[job].timeout);
    return options.timeout;
  }

  Overlap overlap(std::size_t job) const { return jobs[job].overlap.value_or(Overlap::skip); }

  /// Puts the job's tick `tick` on the timer at the tick plus its stable jitter delay.
  void schedule_tick(std::size_t job, sys_seconds tick) {
    timer->add({TimePoint(tick) + jitter_delay(jobs[job].id, tick, jobs[job].jitter), job, Due::Kind::tick, tick});
  }

  /// Whether a tick of the job due now is claimed to run, or only to be recorded `skipped` (with the lock held).
  ClaimPurpose purpose_now(std::size_t job) const {
    const JobState& state = job_states[job];
    bool skips = plan_overlap(overlap(job), state.running(), state.waiting.has_value()) == OverlapAction::skip;
    return skips ? ClaimPurpose::record : ClaimPurpose::run;
  }

  /// Asks the running attempts of `job` to stop, to be recorded as `reason` (with the lock held); how many.
  std::size_t request_stop(std::size_t job, Outcome reason, std::optional<std::uint64_t> only_run = std::nullopt) {
    std::size_t asked = 0;
    for (auto& [key, attempt] : running) {
      if (attempt.job != job || attempt.stopped_for || (only_run && attempt.run != *only_run)) continue;
      attempt.stopped_for = reason;
      attempt.source.request_stop();
      if (phase == Phase::started)
        timer->add({clock->now() + kStuckAfter, job, Due::Kind::stuck_check, {}, 1, attempt.run});
      ++asked;
      events.log({.kind = LogEvent::Kind::stop_requested, .job_id = std::string(jobs[job].id), .key = key,
                  .outcome = reason});
    }
    return asked;
  }

  /// The attempt numbered `run`, asked to stop kStuckAfter ago, is stuck if it still runs (with the lock held).
  void mark_stuck(std::uint64_t run) {
    for (auto& [key, attempt] : running) {
      if (attempt.run != run || !attempt.stopped_for) continue;
      attempt.stuck = true;
      events.log({.kind = LogEvent::Kind::stuck, .job_id = std::string(jobs[attempt.job].id), .key = key,
                  .outcome = *attempt.stopped_for, .duration = kStuckAfter});
    }
  }

  /// A tick of `job` ended (ran, was dropped or given back): the tick `queue_one` or `cancel_running` kept starts
  /// once none runs (with the lock held).
  void end_tick(std::size_t job) {
    JobState& state = job_states[job];
    --state.active;
    if (state.active == 0 && state.waiting && phase == Phase::started) {
      Claim next = std::move(*state.waiting);
      state.waiting.reset();
      start_attempt(job, std::move(next));
    }
  }

  /// Records a tick that does not run (skipped or missed) through the recorder (with the lock held).
  Execution record_not_run(const Claim& tick, Outcome outcome, std::string message) {
    Execution execution;
    execution.job_id = tick.job_id;
    execution.key = tick.key;
    execution.scheduled = tick.scheduled;
    execution.trigger = tick.trigger;
    execution.outcome = outcome;
    execution.started = clock->now();
    execution.finished = execution.started;
    execution.message = std::move(message);
    execution.replica = replica;
    recorder->record(execution);
    events.log({.kind = outcome == Outcome::skipped ? LogEvent::Kind::skipped : LogEvent::Kind::missed,
                .job_id = execution.job_id,
                .key = execution.key,
                .outcome = outcome,
                .message = execution.message});
    return execution;
  }

  /// Queues an attempt of a claimed tick (with the lock held).
  void start_attempt(std::size_t job, Claim claim) {
    ++job_states[job].active;
    ++attempts_pending;
    if (lease_keeper) lease_keeper->hold(claim.key);
    pool->submit({job, std::move(claim)});
  }

  /// The timer's handler: plans each due entry and hands the ticks to claim to Claims in one batch.
  void on_due(std::vector<Due> due, TimePoint now) {
    std::vector<ClaimRequest> batch;
    {
      std::lock_guard lock(mutex);
      if (phase != Phase::started) return;
      for (const Due& entry : due) {
        JobState& state = job_states[entry.job];
        switch (entry.kind) {
          case Due::Kind::tick: {
            // A jittered tick comes due late on purpose: the grace counts from its delayed start.
            auto delay = entry.at - TimePoint(entry.tick);
            CatchUpPlan plan = plan_catch_up(schedules[entry.job], entry.tick, now - delay, options.misfire_grace,
                                             jobs[entry.job].catch_up.value_or(options.catch_up), state.last_tick);
            for (sys_seconds tick : plan.missed)
              batch.push_back(request(entry.job, tick, ClaimPurpose::record, /*missed=*/true));
            if (plan.unlisted_misses > 0) {
              events.log({.kind = LogEvent::Kind::missed,
                          .job_id = std::string(jobs[entry.job].id),
                          .outcome = Outcome::missed,
                          .message = std::to_string(plan.unlisted_misses) +
                                     " more ticks passed unrun and are not recorded"});
            }
            state.last_tick = plan.handled;
            state.next_tick = plan.next;
            schedule_tick(entry.job, plan.next);
            if (plan.run) batch.push_back(request(entry.job, *plan.run, purpose_now(entry.job)));
            break;
          }
          case Due::Kind::retry: {
            Claim claim = request(entry.job, entry.tick, ClaimPurpose::run).tick;
            claim.attempt = entry.attempt;
            ++attempts_pending;
            pool->submit({entry.job, std::move(claim)});
            break;
          }
          case Due::Kind::reclaim: {
            bool missed = now - entry.tick > options.misfire_grace;
            ClaimPurpose purpose = missed ? ClaimPurpose::record : purpose_now(entry.job);
            batch.push_back(request(entry.job, entry.tick, purpose, missed));
            batch.back().again = true;
            break;
          }
          case Due::Kind::deadline:
            request_stop(entry.job, Outcome::timed_out, entry.run);
            break;
          case Due::Kind::stuck_check:
            mark_stuck(entry.run);
            break;
        }
      }
      claims_pending += batch.size();
    }
    claims->submit(std::move(batch));
  }

  /// Claims' handler: what the store said about one tick decides whether it runs, is recorded, or is asked again.
  void on_claimed(ClaimRequest request, ClaimAnswer answer) {
    std::lock_guard lock(mutex);
    --claims_pending;
    changed.notify_all();
    const Claim& tick = request.tick;
    if (answer.paused) return;  // neither run nor recorded: resuming does not replay it
    if (answer.unreachable) {
      if (request.missed) {
        events.log({.kind = LogEvent::Kind::missed,
                    .job_id = tick.job_id,
                    .key = tick.key,
                    .outcome = Outcome::missed,
                    .message = "the tick passed unrun and unrecorded: the store could not be reached"});
      } else if (phase == Phase::started) {
        timer->add({clock->now() + kReclaimDelay, request.job, Due::Kind::reclaim, tick.scheduled});
      }
      return;
    }
    if (!answer.claim) return;  // another replica has it
    if (request.missed) {
      record_not_run(tick, Outcome::missed, "the tick passed while the scheduler was not running");
      return;
    }
    JobState& state = job_states[request.job];
    bool held_run = request.purpose == ClaimPurpose::run && !answer.claim->busy;
    if (held_run && phase != Phase::started) {
      // stop() began while it was claimed: the claim is found and recorded at the next start (or taken over).
      if (lease_keeper) lease_keeper->give_back({tick.key});
      return;
    }
    OverlapAction action = held_run ? plan_overlap(overlap(request.job), state.running(), state.waiting.has_value())
                                    : OverlapAction::skip;
    switch (action) {
      case OverlapAction::start:
        start_attempt(request.job, std::move(*answer.claim));
        return;
      case OverlapAction::cancel_and_queue:
        request_stop(request.job, Outcome::cancelled);
        [[fallthrough]];
      case OverlapAction::queue:
        if (lease_keeper) lease_keeper->hold(tick.key);
        state.waiting = std::move(*answer.claim);
        return;
      case OverlapAction::skip:
        break;
    }
    record_not_run(tick, Outcome::skipped,
                   answer.claim->busy ? "the previous run of this job was still running on another replica"
                                      : "the previous run of this job was still running");
    if (held_run && lease_keeper) recorder->complete(tick.key);
  }

  /// The pool's work: one attempt, recorded through the recorder, then a retry or the end of the tick.
  void run(Work work) {
    const JobDefinition& job = jobs[work.job];
    std::stop_token stop;
    std::optional<std::chrono::milliseconds> limit = timeout(work.job);
    {
      std::lock_guard lock(mutex);
      if (phase >= Phase::stopping) {  // dropped: its claim is found and recorded at the next start
        end_tick(work.job);
        --attempts_pending;
        changed.notify_all();
        return;
      }
      RunningAttempt& attempt = running[work.claim.key];
      attempt.job = work.job;
      attempt.run = ++runs_started;
      stop = attempt.source.get_token();
      if (limit)
        timer->add({clock->now() + *limit, work.job, Due::Kind::deadline, work.claim.scheduled, 1, attempt.run});
    }
    Execution execution = begin_attempt(job, work, clock->now(), replica);
    Recorder::Slot slot = recorder->begin(execution);
    {
      std::lock_guard lock(mutex);
      ++attempts_begun;
      changed.notify_all();
    }
    events.log({.kind = LogEvent::Kind::started, .job_id = execution.job_id, .key = execution.key,
                .attempt = execution.attempt});
    run_attempt(job, execution, stop, limit);
    {
      std::lock_guard lock(mutex);
      if (auto reason = running[work.claim.key].stopped_for) record_stop(execution, *reason, limit);
    }
    recorder->finish(slot, execution);
    events.log({.kind = LogEvent::Kind::finished,
                .job_id = execution.job_id,
                .key = execution.key,
                .attempt = execution.attempt,
                .outcome = execution.outcome,
                .duration = execution.duration().value_or(std::chrono::milliseconds(0)),
                .message = execution.message});

    std::lock_guard lock(mutex);
    running.erase(work.claim.key);
    --attempts_pending;
    --attempts_begun;
    changed.notify_all();
    RetryPolicy policy = retry_policy(work.job);
    if (retries(execution, policy) && phase == Phase::started) {
      auto delay = retry_delay(policy, execution.attempt);
      timer->add({clock->now() + delay, work.job, Due::Kind::retry, work.claim.scheduled, execution.attempt + 1});
      events.log({.kind = LogEvent::Kind::retrying, .job_id = execution.job_id, .key = execution.key,
                  .attempt = execution.attempt + 1, .duration = delay});
      return;
    }
    if (lease_keeper) recorder->complete(work.claim.key);
    end_tick(work.job);
  }

  /// Another replica took the lease of `key`: its attempt here is asked to stop (recorded `cancelled`).
  void lease_lost(const std::string& key) {
    std::lock_guard lock(mutex);
    auto found = running.find(key);
    if (found == running.end() || found->second.stopped_for) return;
    request_stop(found->second.job, Outcome::cancelled, found->second.run);
  }

  /// The jobs the lease keeper may take over ticks of: those idle here, while the runtime schedules, by their
  /// attempt limit: the job's retries (else Options::retry), and at least 2, so a tick whose replica died runs
  /// again once even without retries.
  IdleJobs idle_jobs() {
    std::lock_guard lock(mutex);
    IdleJobs idle;
    if (phase != Phase::started || options.disabled) return idle;
    for (std::size_t job = 0; job < jobs.size(); ++job)
      if (!job_states[job].running()) idle[std::max(retry_policy(job).max_attempts, 2)].emplace_back(jobs[job].id);
    return idle;
  }

  /// Runs ticks taken over from a replica that died; returns the keys it cannot run now.
  std::vector<std::string> adopt(std::vector<Claim> taken) {
    std::lock_guard lock(mutex);
    std::vector<std::string> returned;
    for (Claim& claim : taken) {
      auto job = find(claim.job_id);
      if (!job || job_states[*job].running() || phase != Phase::started) {
        returned.push_back(claim.key);
        continue;
      }
      events.log({.kind = LogEvent::Kind::taken_over,
                  .job_id = claim.job_id,
                  .key = claim.key,
                  .attempt = claim.attempt,
                  .message = "its replica stopped renewing the lease; running it here"});
      start_attempt(*job, std::move(claim));
    }
    return returned;
  }

  /// A backfill's thread: each tick of `ticks` (oldest first) once no run of the job goes on, claimed with its
  /// scheduled key, so one claimed before (run, skipped or missed, here or on a replica) is not run again.
  void run_backfill(std::size_t job, std::vector<sys_seconds> ticks) {
    const std::string id(jobs[job].id);
    for (std::size_t i = 0; i < ticks.size(); ++i) {
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return phase >= Phase::stopping || !job_states[job].running(); });
        if (phase >= Phase::stopping) break;
        ++job_states[job].active;  // reserved while the store is asked, so a tick meanwhile is skipped
      }
      ClaimRequest request{job, Claim{id, idempotency_key(id, ticks[i]), ticks[i], Trigger::backfill},
                           ClaimPurpose::run};
      ClaimAnswer answer = claims->claim_now(request);
      std::lock_guard lock(mutex);
      --job_states[job].active;
      changed.notify_all();
      if (answer.unreachable) {
        events.log({.kind = LogEvent::Kind::store_error,
                    .job_id = id,
                    .key = request.tick.key,
                    .message = "backfill stopped: the store could not be reached; " +
                               std::to_string(ticks.size() - i) + " tick(s) from this one on were not run"});
        break;
      }
      if (!answer.claim) continue;  // claimed before: it ran, or was recorded, already
      if (phase >= Phase::stopping) {
        if (lease_keeper) lease_keeper->give_back({request.tick.key});
        break;
      }
      if (answer.claim->busy) {
        record_not_run(*answer.claim, Outcome::skipped,
                       "the previous run of this job was still running on another replica");
        continue;
      }
      start_attempt(job, std::move(*answer.claim));
    }
    std::lock_guard lock(mutex);
    --backfills_pending;
    changed.notify_all();
  }

  /// Every tick due by the clock's current time is claimed and decided (with the lock held).
  bool ticks_handled() const {
    if (phase >= Phase::stopping) return true;
    return (phase == Phase::created || timer->caught_up(clock->now())) && claims_pending == 0;
  }
};

Runtime::Runtime(Options options, std::span<const JobDefinition> jobs)
    : state_(std::make_unique<State>(checked(std::move(options)), jobs)) {}

Runtime::~Runtime() {
  stop(std::chrono::milliseconds::max());
  State& s = *state_;
  for (std::thread& backfill : s.backfills) backfill.join();  // each ends at stop(), after one bounded claim
  s.pruner.reset();
  s.timer.reset();
  s.claims.reset();  // waits for a claim under way (each store call is bounded)
  s.pool->join();    // waits for endpoints still running past stop()'s deadline
  if (s.lease_keeper) s.lease_keeper->stop();
  s.recorder->stop();  // writes what it can; logs the rest
}

const Options& Runtime::options() const { return state_->options; }

const std::string& Runtime::replica() const { return state_->replica; }

void Runtime::start() {
  State& s = *state_;
  {
    std::lock_guard lock(s.mutex);
    if (s.phase != Phase::created) return;
    s.phase = Phase::started;
  }
  {
    // The recovery (queued first) is tried before the first tick: as bounded as one store call each.
    std::unique_lock lock(s.mutex);
    s.changed.wait(lock, [&] { return s.recorder->settled(); });
  }
  sys_seconds now = to_seconds(s.clock->now());
  s.pauses.refresh();
  std::vector<std::optional<sys_seconds>> last(s.jobs.size());
  for (std::size_t job = 0; job < s.jobs.size() && !s.options.disabled; ++job) {
    try {
      last[job] = s.store->last_tick(s.jobs[job].id);
      s.events.store_answered();
    } catch (const std::exception& error) {
      s.events.store_failed(error);
    }
  }
  {
    std::lock_guard lock(s.mutex);
    for (std::size_t job = 0; job < s.jobs.size() && !s.options.disabled; ++job) {
      State::JobState& state = s.job_states[job];
      // After a resume, the ticks its pause left out are not caught up on: the next run is the next tick.
      if (auto resumed = s.pauses.resumed(s.jobs[job].id)) {
        sys_seconds lifted = to_seconds(*resumed);
        if (!last[job] || *last[job] < lifted) last[job] = lifted;
      }
      state.last_tick = last[job];
      state.next_tick = s.schedules[job].next(last[job].value_or(now));
      s.schedule_tick(job, *state.next_tick);
    }
  }
  s.timer->start();
  // Last: its first pass, in the background, does not compete with reading every job's last tick above.
  s.pruner->start();
}

std::vector<std::string> Runtime::stop(std::chrono::milliseconds deadline) {
  State& s = *state_;
  std::vector<std::string> given_back;
  {
    std::lock_guard lock(s.mutex);
    if (s.phase >= Phase::stopping) return {};
    s.phase = Phase::stopping;
    // Queued work does not run here: its claims are recorded at the next start, or taken over by a replica.
    for (Work& work : s.pool->drop_queued()) {
      s.end_tick(work.job);
      --s.attempts_pending;
      given_back.push_back(std::move(work.claim.key));
    }
    for (State::JobState& state : s.job_states) {
      if (state.waiting) given_back.push_back(std::move(state.waiting->key));
      state.waiting.reset();
    }
    for (auto& [key, attempt] : s.running) attempt.source.request_stop();
    s.changed.notify_all();
  }
  s.timer->stop();
  s.pruner->stop();
  std::size_t never_asked = s.claims->stop().size();
  if (s.lease_keeper) s.lease_keeper->give_back(std::move(given_back));

  std::unique_lock lock(s.mutex);
  s.claims_pending -= never_asked;
  auto until = deadline == std::chrono::milliseconds::max() ? std::chrono::steady_clock::time_point::max()
                                                            : std::chrono::steady_clock::now() + deadline;
  s.changed.wait_until(lock, until, [&] { return s.attempts_pending == 0; });
  std::vector<std::string> still_running;
  for (const auto& [key, source] : s.running) still_running.push_back(key.substr(0, key.find('@')));
  if (still_running.empty()) s.phase = Phase::stopped;
  return still_running;
}

TriggerResult Runtime::trigger(std::string_view id) {
  State& s = *state_;
  auto now = std::chrono::floor<std::chrono::milliseconds>(s.clock->now());
  sys_seconds tick = to_seconds(now);
  std::string key = std::string(id) + "@manual-" + format_utc(tick).substr(0, 19) + "." +
                    std::to_string((now - tick).count() + 1000).substr(1) + "Z";
  std::size_t job = 0;
  {
    std::lock_guard lock(s.mutex);
    auto found = s.find(id);
    if (!found) return {TriggerResult::Status::unknown_job, {}};
    job = *found;
    if (s.job_states[job].running() || s.phase >= Phase::stopping)
      return {TriggerResult::Status::already_running, {}};
    ++s.job_states[job].active;  // reserved while the store is asked, so a tick meanwhile is skipped
  }
  ClaimRequest request{job, Claim{std::string(id), key, tick, Trigger::manual}, ClaimPurpose::run};
  ClaimAnswer answer = s.claims->claim_now(request);
  std::lock_guard lock(s.mutex);
  --s.job_states[job].active;
  if (answer.unreachable || !answer.claim || answer.claim->busy || s.phase >= Phase::stopping) {
    s.changed.notify_all();
    if (answer.unreachable) return {TriggerResult::Status::unavailable, {}};
    return {TriggerResult::Status::already_running, {}};
  }
  s.start_attempt(job, std::move(*answer.claim));
  return {TriggerResult::Status::started, key};
}

CancelResult Runtime::cancel(std::string_view id) {
  State& s = *state_;
  std::lock_guard lock(s.mutex);
  auto job = s.find(id);
  if (!job) return CancelResult::unknown_job;
  return s.request_stop(*job, Outcome::cancelled) > 0 ? CancelResult::requested : CancelResult::not_running;
}

PauseResult Runtime::pause(std::string_view id, std::string note, std::string by) {
  State& s = *state_;
  if (!s.find(id)) return PauseResult::unknown_job;
  PauseRecord record{std::string(id), Pause{s.clock->now(), std::move(by), std::move(note)}, std::nullopt};
  s.store->pause(id, record.pause);
  s.pauses.apply(std::move(record));
  return PauseResult::done;
}

PauseResult Runtime::resume(std::string_view id) {
  State& s = *state_;
  if (!s.find(id)) return PauseResult::unknown_job;
  TimePoint now = s.clock->now();
  // A pause made on another replica may not be known here yet: the record only needs to say it was lifted.
  if (s.store->resume(id, now)) s.pauses.apply({std::string(id), s.pauses.of(id).value_or(Pause{}), now});
  return PauseResult::done;
}

BackfillResult Runtime::backfill(std::string_view id, sys_seconds from, sys_seconds to) {
  State& s = *state_;
  auto job = s.find(id);
  if (!job) return {BackfillResult::Status::unknown_job};
  BackfillPlan plan = plan_backfill(s.schedules[*job], from, to, to_seconds(s.clock->now()));
  if (!plan.error.empty()) return {BackfillResult::Status::refused, 0, std::move(plan.error)};
  std::lock_guard lock(s.mutex);
  if (s.phase >= Phase::stopping) return {BackfillResult::Status::unavailable};
  std::size_t count = plan.ticks.size();
  ++s.backfills_pending;
  s.backfills.emplace_back([&s, job = *job, ticks = std::move(plan.ticks)]() mutable {
    s.run_backfill(job, std::move(ticks));
  });
  return {BackfillResult::Status::accepted, count};
}

std::optional<Execution> Runtime::run_tick(std::string_view id, sys_seconds scheduled) {
  State& s = *state_;
  auto job = s.find(id);
  if (!job) return std::nullopt;
  ClaimRequest request = s.request(*job, scheduled, ClaimPurpose::run);
  auto unrecorded = [&](Outcome outcome, std::string message) {
    Execution execution;
    execution.job_id = std::string(id);
    execution.key = request.tick.key;
    execution.scheduled = scheduled;
    execution.outcome = outcome;
    execution.message = std::move(message);
    execution.replica = s.replica;
    return execution;
  };
  // A platform's tick of a paused job is dropped like the scheduler's: neither run nor recorded.
  s.pauses.refresh();
  if (auto paused = s.pauses.of(id))
    return unrecorded(Outcome::skipped, "the job is paused (by " + paused->by +
                                            (paused->note.empty() ? "" : ": " + paused->note) +
                                            "), so the tick is neither run nor recorded");
  ClaimAnswer answer = s.claims->claim_now(request);
  if (answer.unreachable)
    return unrecorded(Outcome::failed, "the store could not be reached, so the tick was not claimed");
  if (!answer.claim) return unrecorded(Outcome::skipped, "another replica claimed this tick");  // it records it
  if (answer.claim->busy) {
    std::lock_guard lock(s.mutex);
    return s.record_not_run(*answer.claim, Outcome::skipped,
                            "the previous run of this job was still running on another replica");
  }
  if (s.lease_keeper) s.lease_keeper->hold(answer.claim->key);
  Work work{*job, *answer.claim};
  Execution execution;
  while (true) {
    execution = begin_attempt(s.jobs[*job], work, s.clock->now(), s.replica);
    Recorder::Slot slot = s.recorder->begin(execution);
    s.events.log({.kind = LogEvent::Kind::started, .job_id = execution.job_id, .key = execution.key,
                  .attempt = execution.attempt});
    // No deadline watch here: the platform that started this process enforces the timeout (exported as
    // activeDeadlineSeconds or RuntimeMaxSec=, docs/export.md); a run past it is still recorded timed_out.
    run_attempt(s.jobs[*job], execution, {}, s.timeout(*job));
    s.recorder->finish(slot, execution);
    RetryPolicy policy = s.retry_policy(*job);
    if (!retries(execution, policy)) break;
    auto delay = retry_delay(policy, execution.attempt);
    s.events.log({.kind = LogEvent::Kind::retrying, .job_id = execution.job_id, .key = execution.key,
                  .attempt = execution.attempt + 1, .duration = delay});
    std::this_thread::sleep_for(delay);
    ++work.claim.attempt;
  }
  if (s.lease_keeper) s.recorder->complete(work.claim.key);
  return execution;
}

void Runtime::wait_until_idle() {
  State& s = *state_;
  std::unique_lock lock(s.mutex);
  s.changed.wait(lock, [&] {
    return s.phase >= Phase::stopping ||
           (s.ticks_handled() && s.attempts_pending == 0 && s.backfills_pending == 0 && s.recorder->settled() &&
            s.pruner->caught_up(s.clock->now()));
  });
}

void Runtime::wait_until_ticks_handled() {
  State& s = *state_;
  std::unique_lock lock(s.mutex);
  s.changed.wait(lock, [&] { return s.ticks_handled(); });
}

void Runtime::wait_until_recorded() {
  State& s = *state_;
  std::unique_lock lock(s.mutex);
  // A run still under way counts once its running row is written: tests hold runs open and read that row.
  s.changed.wait(lock, [&] { return s.attempts_begun == s.attempts_pending && s.recorder->drained(); });
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
    snapshot.description = s.schedules[job].describe();
    snapshot.time_zone = definition.time_zone;
    snapshot.doc = definition.doc;
    {
      std::lock_guard lock(s.mutex);
      snapshot.next_run = s.job_states[job].next_tick;
      if (snapshot.next_run) snapshot.next_run_offset = s.schedules[job].zone().offset_at(*snapshot.next_run);
      snapshot.running = s.job_states[job].running();
      for (const auto& [key, attempt] : s.running) snapshot.stuck += attempt.job == job && attempt.stuck ? 1 : 0;
    }
    snapshot.paused = s.pauses.of(definition.id);
    if (recent > 0) snapshot.recent = history(definition.id, recent);
    jobs.push_back(std::move(snapshot));
  }
  return jobs;
}

std::vector<Execution> Runtime::history(std::string_view id, std::size_t limit, std::int64_t before_id) const {
  return state_->store->history(id, limit, before_id);
}

std::size_t Runtime::failures_since(std::string_view id, TimePoint since) const {
  return state_->store->count(id, kFailingOutcomes, since);
}

}  // namespace cron

// The dashboard over a fixed history on a manual clock, for the browser check: prints its URL, serves until its
// standard input closes. Titles and messages carry markup, to show that the page prints them as text; a pause
// made on the page is kept in the memory store like any other.

#include <cron/dashboard.hpp>
#include <cron/runtime.hpp>

#include <cstdint>
#include <iostream>
#include <string>

namespace {

using namespace std::chrono_literals;

cron::Status succeed() { return cron::Status::success(); }
cron::Status fail() { return cron::Status::failure("</script><script>alert(2)</script> upstream said 503"); }

constexpr cron::JobDefinition kJobs[] = {
    {.id = "welcome-email", .title = "Send welcome emails", .schedule_text = "every:120",
     .schedule = cron::Schedule::every_minutes(120).value(), .run = &succeed, .endpoint = "shop::sendWelcomeEmail",
     .doc = "Send a welcome email to everyone who signed up in the last two hours."},
    {"accounting-sync", "<script>alert(1)</script> Accounting sync", "schedule:0 4 * * *",
     cron::Schedule::cron("0 4 * * *").value(), &fail, "shop::syncAccounts", "Europe/Berlin"},
    {"cart-purge", "Purge abandoned carts", "every:10", cron::Schedule::every_minutes(10).value(), &succeed,
     "shop::purgeCarts"},
};

/// Four days of ticks per job with durations and outcomes from a fixed sequence.
void record_history(cron::Store& store, std::chrono::sys_seconds now) {
  std::uint32_t state = 12345;
  auto next_random = [&state] { return state = state * 1103515245u + 12345u, (state >> 16) & 0x7FFF; };
  for (const cron::JobDefinition& job : kJobs) {
    for (auto tick = job.schedule.next(now - 96h); tick <= now; tick = job.schedule.next(tick)) {
      cron::Execution execution;
      execution.job_id = std::string(job.id);
      execution.key = cron::idempotency_key(job.id, tick);
      execution.scheduled = tick;
      execution.replica = next_random() % 4 ? "shop-7c9f:4121" : "shop-5d2a:977";
      execution.started = cron::TimePoint(tick) + std::chrono::milliseconds(next_random() % 800);
      std::chrono::milliseconds took{200 + next_random() % 60000};
      unsigned roll = next_random() % 16;
      if (job.id == "accounting-sync" || roll == 0) {
        execution.outcome = cron::Outcome::failed;
        execution.message = "</script><script>alert(2)</script> upstream said 503";
      } else if (roll == 1) {
        execution.outcome = cron::Outcome::skipped;
        execution.message = "the previous run of this job was still running";
        took = 0ms;
      } else if (roll == 2) {
        execution.outcome = cron::Outcome::timed_out;
        execution.message = "ran 90500 ms, past its deadline of 90000 ms";
        took = 90500ms;
      } else {
        execution.outcome = cron::Outcome::succeeded;
      }
      execution.finished = execution.started + took;
      store.insert(execution);
    }
  }
}

}  // namespace

int main() {
  std::chrono::sys_seconds now;
  cron::parse_utc("2026-03-02T10:17:00Z", now);
  auto store = cron::make_memory_store();
  record_history(*store, now);
  cron::Options options;
  options.clock = std::make_shared<cron::ManualClock>(cron::TimePoint(now));
  options.store_instance = std::move(store);
  options.replica = "shop-7c9f:4121";
  cron::Runtime runtime(std::move(options), kJobs);
  cron::Dashboard dashboard(runtime, {.address = "127.0.0.1:0"});
  if (cron::Status started = dashboard.start(); !started.ok()) {
    std::cerr << "fixture_server: " << started.message() << "\n";
    return 2;
  }
  runtime.start();
  std::cout << dashboard.url() << std::endl;
  std::string line;
  while (std::getline(std::cin, line)) {
  }
  runtime.stop(5s);
  return 0;
}

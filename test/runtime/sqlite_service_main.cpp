// A service process for the kill test: a Runtime on a SQLite file with one job, `every:120`, on a manual clock
// that the command line moves, so the parent decides which ticks come due.
//
//   cronc_sqlite_service --store URI --start 2026-03-01T07:59:30Z [--step TIME]... [--block KEY]
//
// The endpoint writes `ran KEY` to standard output for each run. For the tick KEY it writes `entered KEY` instead
// and never returns, so the parent can kill the process in the middle of that execution. The process waits for
// each step's runs before the next step; with --block the last step brings KEY due and the process then waits to
// be killed, without it the process stops the Runtime, writes `stopped` and exits 0. A store that cannot be opened
// (cron::StoreError) is one line on standard error and exit status 2, as in a real service.

#include <cron/runtime.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

std::string block_key;
cron::Runtime* service = nullptr;

void write_line(const std::string& text) {
  std::string line = text + "\n";
  if (::write(STDOUT_FILENO, line.data(), line.size()) < 0) std::perror("write");
}

cron::Status tick() {
  std::string key(cron::current_execution()->key);
  if (key != block_key) {
    write_line("ran " + key);
    return cron::Status::success();
  }
  // The running row is in the file before the parent looks (the recorder writes it on its own thread).
  while (service->history("every-two-hours", 1).empty() || service->history("every-two-hours", 1)[0].key != key)
    std::this_thread::yield();
  write_line("entered " + key);
  while (true) ::pause();  // until SIGKILL
}

constexpr cron::JobDefinition kJobs[] = {
    {"every-two-hours", "Every two hours", "every:120", cron::Schedule::every_minutes(120).value(), &tick,
     "sqlite_service_main::tick"},
};

cron::TimePoint parse_time(const std::string& text) {
  std::chrono::sys_seconds time;
  if (!cron::parse_utc(text, time)) {
    std::cerr << "cronc_sqlite_service: '" << text << "' is not a UTC time\n";
    std::exit(2);
  }
  return cron::TimePoint(time);
}

}  // namespace

int main(int argc, char** argv) {
  std::string store;
  std::optional<cron::TimePoint> start;
  std::vector<cron::TimePoint> steps;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    std::string value = argv[i + 1];
    if (flag == "--store") {
      store = value;
    } else if (flag == "--start") {
      start = parse_time(value);
    } else if (flag == "--step") {
      steps.push_back(parse_time(value));
    } else if (flag == "--block") {
      block_key = value;
    } else {
      std::cerr << "cronc_sqlite_service: unknown flag " << flag << "\n";
      return 2;
    }
  }
  if (store.empty() || !start) {
    std::cerr << "cronc_sqlite_service: --store and --start are required\n";
    return 2;
  }

  auto clock = std::make_shared<cron::ManualClock>(*start);
  cron::Options options;
  options.clock = clock;
  options.store = store;
  options.replica = "service-" + std::to_string(::getpid());
  std::optional<cron::Runtime> opened;
  try {
    opened.emplace(std::move(options), kJobs);
  } catch (const cron::StoreError& error) {
    std::cerr << "cronc_sqlite_service: " << error.what() << "\n";
    return 2;
  }
  cron::Runtime& runtime = *opened;
  service = &runtime;
  runtime.start();
  runtime.wait_until_idle();
  for (std::size_t i = 0; i < steps.size(); ++i) {
    clock->set(steps[i]);
    bool last = i + 1 == steps.size();
    if (!last || block_key.empty()) runtime.wait_until_idle();  // the blocking run never lets it be idle
  }
  if (!block_key.empty()) {
    while (true) ::pause();  // until SIGKILL
  }
  runtime.stop(std::chrono::seconds(10));
  write_line("stopped");
  return 0;
}

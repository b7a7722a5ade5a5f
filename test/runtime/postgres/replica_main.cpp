// One replica of a service for the multi-process failover test: a Runtime on the PostgreSQL store with one
// every-minute job, on a clock that runs `--speed` times faster than the system clock from a shared epoch, so the
// replicas agree on the time and a minute passes in a second.
//
//   cronc_postgres_replica --store URI --replica NAME --epoch-ms MS --start 2026-03-01T09:59:00Z --speed 60
//                          --lease-ms 2000 --block KEY --dir DIR --run-for-ms 30000
//
// The endpoint appends `KEY#ATTEMPT` to DIR/calls-NAME.log. For the tick KEY's first attempt it then writes its
// replica name to DIR/blocked and sleeps, so the test can kill it in the middle of that execution. The process
// stops on SIGTERM or after --run-for-ms.

#include <cron/runtime.hpp>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <thread>

namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;

/// Wall time `speed` times faster than the system clock: `start` at the system time `epoch`.
class AcceleratedClock final : public cron::Clock {
 public:
  AcceleratedClock(cron::TimePoint epoch, cron::TimePoint start, int speed)
      : epoch_(epoch), start_(start), speed_(speed) {}

  cron::TimePoint now() const override { return start_ + (std::chrono::system_clock::now() - epoch_) * speed_; }
  void wait_until(std::condition_variable& wake, std::unique_lock<std::mutex>& lock,
                  cron::TimePoint deadline) override {
    auto remaining = deadline - now();
    if (remaining <= remaining.zero()) return;
    wake.wait_for(lock, std::min<std::chrono::nanoseconds>(remaining / speed_, 1s));
  }
  int on_change(std::function<void()>) override { return 0; }
  void remove_listener(int) override {}

 private:
  cron::TimePoint epoch_;
  cron::TimePoint start_;
  int speed_;
};

struct Settings {
  std::string replica;
  std::string block_key;
  std::filesystem::path dir;
};
Settings settings;

void append_line(const std::filesystem::path& path, const std::string& line) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd < 0) return;
  std::string text = line + "\n";
  if (::write(fd, text.data(), text.size()) < 0) std::perror("write");
  ::close(fd);
}

cron::Status tick() {
  auto execution = cron::current_execution();
  std::string key(execution->key);
  append_line(settings.dir / ("calls-" + settings.replica + ".log"), key + "#" + std::to_string(execution->attempt));
  if (key == settings.block_key && execution->attempt == 1) {
    auto temporary = settings.dir / ("blocked." + settings.replica);
    std::ofstream(temporary) << settings.replica;
    std::filesystem::rename(temporary, settings.dir / "blocked");
    std::this_thread::sleep_for(60s);  // killed long before
  }
  return cron::Status::success();
}

constexpr cron::JobDefinition kJobs[] = {
    {"tick", "Tick", "every:1", cron::Schedule::every_minutes(1).value(), &tick, "replica_main::tick"},
};

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> args;
  for (int i = 1; i + 1 < argc; i += 2) args[argv[i]] = argv[i + 1];
  for (const char* required : {"--store", "--replica", "--epoch-ms", "--start", "--speed", "--lease-ms", "--block",
                               "--dir", "--run-for-ms"}) {
    if (!args.contains(required)) {
      std::cerr << "cronc_postgres_replica: missing " << required << "\n";
      return 2;
    }
  }
  settings = {args["--replica"], args["--block"], args["--dir"]};
  std::chrono::sys_seconds start;
  if (!cron::parse_utc(args["--start"], start)) {
    std::cerr << "cronc_postgres_replica: --start '" << args["--start"] << "' is not a UTC time\n";
    return 2;
  }

  // SIGTERM is waited for, not delivered.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  cron::Options options;
  options.clock = std::make_shared<AcceleratedClock>(cron::TimePoint(milliseconds(std::stoll(args["--epoch-ms"]))),
                                                     cron::TimePoint(start), std::stoi(args["--speed"]));
  options.store_instance = cron::make_postgres_store(args["--store"]);
  options.replica = settings.replica;
  options.lease = milliseconds(std::stoll(args["--lease-ms"]));
  options.misfire_grace = std::chrono::hours(1);  // a slow machine must not turn ticks into `missed`
  cron::Runtime runtime(std::move(options), kJobs);
  runtime.start();

  auto run_for = milliseconds(std::stoll(args["--run-for-ms"]));
  timespec timeout{static_cast<time_t>(run_for.count() / 1000), static_cast<long>(run_for.count() % 1000) * 1000000};
  sigtimedwait(&signals, nullptr, &timeout);
  runtime.stop(2s);
  std::_Exit(0);  // an endpoint still asleep is not waited for
}

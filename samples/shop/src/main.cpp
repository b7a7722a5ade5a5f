// The shop service: runs its cron jobs until interrupted (Ctrl-C or SIGTERM), or runs one tick when a platform
// scheduler asks (`shop --cron-run-job ID`). Serves the dashboard at http://127.0.0.1:8080/cron (CRON_DASHBOARD).
#include <cron/dashboard.hpp>
#include <cron/run_job.hpp>
#include <cron/runtime.hpp>

#include <csignal>
#include <iostream>

int main(int argc, char** argv) try {
  cron::Options options;
  options.store = "sqlite:shop-cron.db";
  options.dashboard = "127.0.0.1:8080";
  options = std::move(options).with_environment();
  if (auto status = cron::run_job_from_args(argc, argv, options)) return *status;

  // Signals are taken by sigwait below, not by whichever thread the kernel picks.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  cron::Runtime runtime(std::move(options));
  // Made before start() so its run counters see every run, and destroyed before the runtime.
  cron::Dashboard dashboard(runtime);
  if (cron::Status served = dashboard.start(); !served.ok()) {
    std::cerr << "shop: " << served.message() << "\n";
    return 2;
  }
  runtime.start();
  std::cout << "shop: running " << runtime.snapshot(0).size() << " cron jobs (Ctrl-C stops)\n";
  for (const cron::JobSnapshot& job : runtime.snapshot(0)) {
    std::cout << "  " << job.id << ": " << job.description;
    if (job.next_run) std::cout << "; next " << cron::format_utc(*job.next_run);
    std::cout << "\n";
  }
  if (dashboard.serving()) std::cout << "shop: dashboard at " << dashboard.url() << "\n";
  std::cout << std::flush;

  int received = 0;
  sigwait(&signals, &received);
  std::cout << "shop: stopping" << std::endl;
  auto still_running = runtime.stop(std::chrono::seconds(30));
  for (const auto& id : still_running) std::cerr << "shop: " << id << " was still running\n";
  return still_running.empty() ? 0 : 1;
} catch (const cron::SetupError& error) {  // the store cannot be opened, a zone is unknown: one line, exit 2
  std::cerr << "shop: " << error.what() << "\n";
  return 2;
}

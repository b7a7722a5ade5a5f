// The shop service: lists the jobs cronc registered, their schedules in English and their next fire times.
#include <cron/job_table.hpp>

#include <chrono>
#include <iostream>

int main() {
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  for (const cron::JobDefinition& job : cron::registered_jobs()) {
    std::cout << job.id << " (" << job.title << "): " << job.schedule.describe() << "\n";
    auto next = now;
    for (int i = 0; i < 3; ++i) {
      next = job.schedule.next(next);
      std::cout << "  next: " << cron::format_utc(next) << "\n";
    }
  }
}

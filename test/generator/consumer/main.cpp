// Lists the jobs cronc registered and runs each once.
#include <cron/job_table.hpp>

#include <iostream>

int main() {
  for (const cron::JobDefinition& job : cron::registered_jobs()) {
    std::cout << job.id << ": " << job.title << ", " << job.schedule.describe() << std::endl;
    if (!job.run().ok()) return 1;
  }
  return cron::registered_jobs().empty() ? 1 : 0;
}

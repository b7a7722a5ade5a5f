// Lists the jobs cronc registered in this program and runs each once.
#include <cron/job_table.hpp>

#include <iostream>

int main() {
  for (const cron::JobDefinition& job : cron::registered_jobs()) {
    std::cout << "job " << job.id << std::endl;
    if (!job.run().ok()) return 1;
  }
  return 0;
}

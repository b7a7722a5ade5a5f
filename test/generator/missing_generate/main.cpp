#include <cron/job_table.hpp>

int main() { return static_cast<int>(cron::registered_jobs().size()); }

// A header whose inline function declares a job: its body is parsed (the file names CronJob), so the job is
// still reported as not top-level although cronc skips the bodies of files that cannot hold a job.
#pragma once
#include <cron/cron.hpp>

void work();

inline void register_in_header() {
  static const cron::CronJob in_header{"in-header", {.every = "1h", .endpoint = &work}};
}

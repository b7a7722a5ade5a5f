#pragma once
/// Platform schedulers (Kubernetes CronJobs, systemd timers) run one tick per process:
/// `program --cron-run-job ID [--cron-scheduled-time 2026-03-01T10:00:00Z]` (docs/export.md).

#include <cron/runtime.hpp>

#include <optional>

namespace cron {

/// When `argv` asks for one job's tick, runs it through the same path as the scheduler (store, key, retries,
/// record) and returns the process's exit status: 0 on success (or when another process already claimed the
/// tick), 1 on failure, 2 for a bad argument or an unknown job. Returns nothing when `argv` does not ask for it, so `main` goes on to start the Runtime.
std::optional<int> run_job_from_args(int argc, const char* const* argv, Options& options,
                                     std::span<const JobDefinition> jobs = registered_jobs());

}  // namespace cron

#pragma once
/// `cronc export kubernetes`: the jobs as batch/v1 CronJobs, so a cluster's CronJob controller schedules them and
/// the user's image runs one tick per Job with `--cron-run-job ID` (docs/export.md).

#include "export/manifest_reader.hpp"

#include <cron/policy.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace cronc {

struct KubernetesOptions {
  std::string image;        ///< the user's program; its entrypoint takes `--cron-run-job ID`
  std::string name_prefix;  ///< put before each job ID in the CronJob names
  std::string name_space;   ///< metadata.namespace; empty: none, so kubectl's current namespace
  /// skip: startingDeadlineSeconds is the misfire grace, so a tick that cannot start in time is missed, as in
  /// the embedded runtime. run_latest: no deadline, so the controller starts the latest missed tick, late.
  cron::CatchUp catch_up = cron::CatchUp::skip;
  int misfire_grace_seconds = 60;  ///< cron::Options::misfire_grace's default
  int successful_jobs_history_limit = 3;
  int failed_jobs_history_limit = 3;
};

/// Kubernetes caps CronJob names at 52 characters (the Jobs it creates append `-` and 11 digits).
inline constexpr std::size_t kMaxCronJobName = 52;

/// `base` followed by `suffix` (`-2` for a job split across CronJobs), shortened when too long by cutting `base`
/// and putting `-` and 8 hex digits of a hash of the whole `base` before the suffix, so names stay distinct and
/// the same input always gives the same name.
std::string cronjob_name(std::string_view base, std::string_view suffix);

/// Multi-document YAML, one CronJob per job (or per cron expression of a job that needs several), deterministic.
/// Returns false with a one-line `error` when an option is invalid, a schedule has no Kubernetes spelling, or two
/// CronJobs would get the same name.
bool render_kubernetes(const std::vector<ManifestJob>& jobs, const KubernetesOptions& options, std::string& yaml,
                       std::string& error);

}  // namespace cronc

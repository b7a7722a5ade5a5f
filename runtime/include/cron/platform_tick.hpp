#pragma once
/// How a process that a platform scheduler started for one tick (`--cron-run-job ID`) learns which tick it is:
/// Kubernetes names each Job of a CronJob `<cronjob>-<minutes since the epoch>` and labels its Pods with that name;
/// the exported CronJob passes the label through the downward API in an environment variable (docs/export.md).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace cron {

/// The environment variable the exported Pods carry the label `batch.kubernetes.io/job-name` in.
inline constexpr std::string_view kJobNameVariable = "CRON_KUBERNETES_JOB_NAME";

/// The tick a Kubernetes Job name encodes (`shop-welcome-email-29431200` is 29431200 minutes after the epoch);
/// none for a name that does not end in `-` and minutes.
constexpr std::optional<std::chrono::sys_seconds> tick_from_job_name(std::string_view name) {
  std::size_t dash = name.rfind('-');
  if (dash == std::string_view::npos || dash + 1 == name.size() || name.size() - dash - 1 > 10) return std::nullopt;
  std::int64_t minutes = 0;
  for (char c : name.substr(dash + 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    minutes = minutes * 10 + (c - '0');
  }
  return std::chrono::sys_seconds(std::chrono::minutes(minutes));
}

}  // namespace cron

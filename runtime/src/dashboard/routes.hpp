#pragma once
/// The dashboard's URL space: which route a method and path name, or why none (404, or 405 with Allow).

#include <string>
#include <string_view>

namespace cron::dashboard {

enum class Route {
  jobs_page,   ///< GET /cron
  job_page,    ///< GET /cron/jobs/{id}
  jobs,        ///< GET /cron/api/jobs
  job,         ///< GET /cron/api/jobs/{id}
  executions,  ///< GET /cron/api/jobs/{id}/executions
  run,         ///< POST /cron/api/jobs/{id}/run
  cancel,      ///< POST /cron/api/jobs/{id}/cancel
  pause,       ///< POST /cron/api/jobs/{id}/pause
  resume,      ///< POST /cron/api/jobs/{id}/resume
  backfill,    ///< POST /cron/api/jobs/{id}/backfill
  metrics,     ///< GET /metrics
};

struct Routed {
  enum class Result { found, not_found, wrong_method };
  Result result = Result::not_found;
  Route route = Route::jobs_page;
  std::string job_id;     ///< the `{id}` segment, if the route has one
  std::string_view allow; ///< for wrong_method: the methods the path takes, for the Allow header
};

/// Matches a decoded path; HEAD counts as GET.
Routed route(std::string_view method, std::string_view path);

}  // namespace cron::dashboard

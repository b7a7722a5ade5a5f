#include "rules/checks.hpp"
#include "rules/schedule_diagnostics.hpp"

#include <fmt/format.h>

namespace cronc {

void check_endpoint_params(const JobDecl& job, DiagnosticSink& sink) {
  const Endpoint& endpoint = job.endpoint;
  if (!names_function(endpoint) || endpoint.parameters == 0) return;
  Diagnostic diagnostic = make_error(
      rule_id::endpoint_params,
      fmt::format("endpoint '{}' of {} takes {} parameter{}; cron endpoints take none", endpoint.qualified_name,
                  job_label(job), endpoint.parameters, endpoint.parameters == 1 ? "" : "s"),
      endpoint.range);
  diagnostic.notes.push_back(declared_here(endpoint));
  sink.report(std::move(diagnostic));
}

}  // namespace cronc

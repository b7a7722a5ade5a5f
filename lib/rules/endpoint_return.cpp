#include "rules/checks.hpp"
#include "rules/schedule_diagnostics.hpp"

#include <fmt/format.h>

namespace cronc {

void check_endpoint_return(const JobDecl& job, DiagnosticSink& sink) {
  const Endpoint& endpoint = job.endpoint;
  if (!names_function(endpoint) || endpoint.returns != ReturnKind::other) return;
  Diagnostic diagnostic = make_error(rule_id::endpoint_return,
                                     fmt::format("endpoint '{}' of {} returns '{}'; return void or cron::Status",
                                                 endpoint.qualified_name, job_label(job), endpoint.return_type),
                                     endpoint.range);
  diagnostic.notes.push_back(declared_here(endpoint));
  sink.report(std::move(diagnostic));
}

}  // namespace cronc

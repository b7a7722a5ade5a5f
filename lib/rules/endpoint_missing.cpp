#include "rules/checks.hpp"
#include "rules/schedule_diagnostics.hpp"

#include <fmt/format.h>

namespace cronc {

void check_endpoint_missing(const JobDecl& job, DiagnosticSink& sink) {
  if (job.endpoint.kind != EndpointKind::missing) return;
  sink.report(make_error(rule_id::endpoint_missing,
                         fmt::format("{} has no endpoint; set .endpoint = &function (no parameters, returning void or "
                                     "cron::Status)",
                                     job_label(job)),
                         job.name_range));
}

}  // namespace cronc

#include "rules/checks.hpp"
#include "rules/schedule_diagnostics.hpp"

namespace cronc {

void check_schedule_syntax(const JobDecl& job, DiagnosticSink& sink) {
  auto problem = schedule_problem(job);
  if (!problem || problem->error.kind == cron::ErrorKind::unsupported ||
      problem->error.kind == cron::ErrorKind::never_fires)
    return;
  sink.report(make_error(rule_id::schedule_syntax, problem->message(), problem->range()));
}

}  // namespace cronc

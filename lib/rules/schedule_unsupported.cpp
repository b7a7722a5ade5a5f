#include "rules/checks.hpp"
#include "rules/schedule_diagnostics.hpp"

namespace cronc {

void check_schedule_unsupported(const JobDecl& job, DiagnosticSink& sink) {
  auto problem = schedule_problem(job);
  if (!problem || problem->error.kind != cron::ErrorKind::unsupported) return;
  sink.report(make_error(rule_id::schedule_unsupported, problem->message(), problem->range()));
}

}  // namespace cronc

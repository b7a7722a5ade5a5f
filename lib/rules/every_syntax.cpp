#include "rules/checks.hpp"
#include "rules/schedule_diagnostics.hpp"

namespace cronc {

void check_every_syntax(const JobDecl& job, DiagnosticSink& sink) {
  auto problem = every_problem(job);
  if (!problem || problem->error.kind != cron::ErrorKind::every_syntax) return;
  sink.report(make_error(rule_id::every_syntax, problem->message(), problem->range()));
}

}  // namespace cronc

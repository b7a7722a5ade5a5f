#include "rules/checks.hpp"
#include "rules/schedule_diagnostics.hpp"

namespace cronc {

void check_every_range(const JobDecl& job, DiagnosticSink& sink) {
  auto problem = every_problem(job);
  if (!problem) return;
  cron::ErrorKind kind = problem->error.kind;
  if (kind != cron::ErrorKind::every_not_whole_minutes && kind != cron::ErrorKind::every_too_short &&
      kind != cron::ErrorKind::every_too_long)
    return;
  sink.report(make_error(rule_id::every_range, problem->message(), problem->range()));
}

}  // namespace cronc

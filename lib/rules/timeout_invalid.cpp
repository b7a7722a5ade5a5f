#include "rules/checks.hpp"
#include "rules/schedule_diagnostics.hpp"

#include <cron/policy.hpp>

#include <fmt/format.h>

namespace cronc {

void check_timeout_invalid(const JobDecl& job, DiagnosticSink& sink) {
  auto timeout = policy_duration(job.timeout);
  if (!timeout) return;
  if (auto syntax = duration_syntax_error(rule_id::timeout_invalid, "timeout", *timeout)) {
    sink.report(*std::move(syntax));
    return;
  }
  const SourceRange& range = timeout->argument->range;
  switch (cron::check_timeout_length(timeout->nanoseconds)) {
    case cron::PolicyDurationProblem::none: return;
    case cron::PolicyDurationProblem::not_whole_seconds:
      sink.report(make_error(rule_id::timeout_invalid,
                             fmt::format("timeout '{}' is not a whole number of seconds", timeout->text), range));
      return;
    case cron::PolicyDurationProblem::too_short:
      sink.report(make_error(rule_id::timeout_invalid,
                             fmt::format("timeout '{}' is shorter than 1 second", timeout->text), range));
      return;
    default: {
      Diagnostic diagnostic = make_error(
          rule_id::timeout_invalid, fmt::format("timeout '{}' is longer than 24 hours", timeout->text), range);
      if (auto fix = replace_literal(*timeout->argument, "24h")) diagnostic.fixits.push_back(*std::move(fix));
      sink.report(std::move(diagnostic));
    }
  }
}

}  // namespace cronc

#include "rules/checks.hpp"
#include "rules/schedule_diagnostics.hpp"

#include <cron/every.hpp>
#include <cron/policy.hpp>

#include <fmt/format.h>

namespace cronc {

void check_jitter_invalid(const JobDecl& job, DiagnosticSink& sink) {
  auto jitter = policy_duration(job.jitter);
  if (!jitter) return;
  if (auto syntax = duration_syntax_error(rule_id::jitter_invalid, "jitter", *jitter)) {
    sink.report(*std::move(syntax));
    return;
  }
  // An invalid schedule is its own rule's; the range rules still apply without a gap.
  int gap = shortest_gap_minutes(job).value_or(0);
  const SourceRange& range = jitter->argument->range;
  std::string message;
  switch (cron::check_jitter_length(jitter->nanoseconds, gap)) {
    case cron::PolicyDurationProblem::none: return;
    case cron::PolicyDurationProblem::not_whole_seconds:
      message = fmt::format("jitter '{}' is not a whole number of seconds", jitter->text);
      break;
    case cron::PolicyDurationProblem::too_short:
      message = fmt::format("jitter '{}' is shorter than 1 second; leave .jitter out for none", jitter->text);
      break;
    case cron::PolicyDurationProblem::not_shorter_than_gap:
      message = fmt::format("jitter '{}' is not shorter than {}, the shortest gap between two fire times of {}, so "
                            "a delayed tick could start after the next one",
                            jitter->text, cron::format_interval(gap), job_label(job));
      break;
    case cron::PolicyDurationProblem::too_long: {
      Diagnostic diagnostic = make_error(
          rule_id::jitter_invalid, fmt::format("jitter '{}' is longer than 1 hour", jitter->text), range);
      bool hour_fits = gap == 0 || gap > 60;
      if (auto fix = replace_literal(*jitter->argument, "1h"); fix && hour_fits)
        diagnostic.fixits.push_back(*std::move(fix));
      sink.report(std::move(diagnostic));
      return;
    }
  }
  sink.report(make_error(rule_id::jitter_invalid, std::move(message), range));
}

}  // namespace cronc

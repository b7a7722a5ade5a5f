#include "rules/checks.hpp"
#include "rules/schedule_diagnostics.hpp"

#include <fmt/format.h>

namespace cronc {

namespace {

/// A `TZ=ZONE`/`CRON_TZ=ZONE` prefix moves to the job's `.time_zone` field: one fix-it removes it from the
/// expression, another writes the field right after `.schedule` (its place in JobConfig's order).
void move_zone_prefix(const JobDecl& job, const ScheduleProblem& problem, Diagnostic& diagnostic) {
  const StringArgument& schedule = *problem.argument;
  std::string_view prefix = std::string_view(schedule.value).substr(problem.error.begin,
                                                                    problem.error.end - problem.error.begin);
  std::string zone(prefix.substr(prefix.find('=') + 1));
  std::string field = fmt::format(".time_zone = \"{}\"", zone);
  SourceLocation at = diagnostic.range.begin;
  diagnostic.notes.push_back({fmt::format("cronc reads the expression in a zone's local time with {}", field), {at, at}});
  if (schedule.byte_locations.empty() || job.time_zone.present || zone.empty()) return;
  std::size_t rest = schedule.value.find_first_not_of(" \t", problem.error.end);
  diagnostic.fixits.push_back({schedule.bytes(problem.error.begin, rest == std::string::npos ? problem.error.end : rest), ""});
  diagnostic.fixits.push_back({{schedule.range.end, schedule.range.end}, ", " + field});
}

}  // namespace

void check_schedule_unsupported(const JobDecl& job, DiagnosticSink& sink) {
  auto problem = schedule_problem(job);
  if (!problem || problem->error.kind != cron::ErrorKind::unsupported) return;
  Diagnostic diagnostic = make_error(rule_id::schedule_unsupported, problem->message(), problem->range());
  if (problem->error.feature == cron::Unsupported::time_zone) move_zone_prefix(job, *problem, diagnostic);
  sink.report(std::move(diagnostic));
}

}  // namespace cronc

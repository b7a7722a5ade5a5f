#include "rules/checks.hpp"
#include "rules/schedule_diagnostics.hpp"

#include <cron/every.hpp>

#include <fmt/format.h>

namespace cronc {

void check_every_divisor(const JobDecl& job, DiagnosticSink& sink) {
  auto problem = every_problem(job);
  if (!problem || problem->error.kind != cron::ErrorKind::every_not_divisor) return;
  Diagnostic diagnostic = make_error(rule_id::every_divisor, problem->message(), problem->range());
  // Not dividing 1440 puts the interval strictly between 1 minute and 24 hours, both divisors, so it always has a
  // valid interval on either side.
  std::int64_t minutes = problem->error.value;
  cron::NearestIntervals nearest = cron::nearest_valid_intervals(minutes);
  std::string below = cron::format_interval(nearest.below);
  std::string above = cron::format_interval(nearest.above);
  SourceLocation at = diagnostic.range.begin;
  diagnostic.notes.push_back(
      {fmt::format("the nearest valid intervals are \"{}\" and \"{}\"", below, above), {at, at}});
  std::int64_t distance_below = minutes - nearest.below;
  std::int64_t distance_above = nearest.above - minutes;
  if (distance_below != distance_above) {
    auto fix = replace_literal(*problem->argument, distance_below < distance_above ? below : above);
    if (fix) diagnostic.fixits.push_back(*std::move(fix));
  }
  sink.report(std::move(diagnostic));
}

}  // namespace cronc

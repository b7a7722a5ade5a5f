#include "rules/checks.hpp"
#include "rules/schedule_diagnostics.hpp"

#include <cron/policy.hpp>

#include <fmt/format.h>

namespace cronc {

void check_retries_range(const JobDecl& job, DiagnosticSink& sink) {
  const ValueArgument<int>& retries = job.retries;
  if (!retries.present || !retries.constant || cron::retries_in_range(retries.value)) return;
  Diagnostic diagnostic =
      make_error(rule_id::retries_range,
                 fmt::format("{} retries is outside 0 to {}; retries are the attempts after the first", retries.value,
                             cron::kMaxRetries),
                 retries.range);
  if (retries.literal)
    diagnostic.fixits.push_back({retries.range, retries.value < 0 ? "0" : std::to_string(cron::kMaxRetries)});
  sink.report(std::move(diagnostic));
}

}  // namespace cronc

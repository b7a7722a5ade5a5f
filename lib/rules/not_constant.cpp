#include "rules/checks.hpp"
#include "rules/schedule_diagnostics.hpp"

#include <fmt/format.h>

namespace cronc {

void check_not_constant(const JobDecl& job, DiagnosticSink& sink) {
  struct Argument {
    std::string_view name;
    bool present;
    bool constant;
    const SourceRange& range;
    std::string_view kind;
  };
  auto argument = [](std::string_view name, const auto& value, std::string_view kind = "string literal") {
    return Argument{name, value.present, value.constant, value.range, kind};
  };
  const Argument arguments[] = {argument("ID", job.id),
                                argument("title", job.title),
                                argument("every interval", job.every.text),
                                argument("schedule", job.schedule),
                                argument("time zone", job.time_zone),
                                argument("timeout", job.timeout.text),
                                argument("retries count", job.retries, "literal"),
                                argument("overlap policy", job.overlap, "cron::Overlap value"),
                                argument("catch-up policy", job.catch_up, "cron::CatchUp value"),
                                argument("jitter", job.jitter.text)};
  for (const Argument& written : arguments) {
    if (!written.present || written.constant) continue;
    sink.report(make_error(rule_id::not_constant,
                           fmt::format("the {} of {} is not a compile-time constant; use a {} or a constexpr variable",
                                       written.name, job_label(job), written.kind),
                           written.range));
  }
}

}  // namespace cronc

#include "rules/checks.hpp"
#include "rules/schedule_diagnostics.hpp"

#include <fmt/format.h>

namespace cronc {

void check_not_constant(const JobDecl& job, DiagnosticSink& sink) {
  struct Argument {
    std::string_view name;
    const StringArgument& value;
  };
  const Argument arguments[] = {
      {"ID", job.id}, {"title", job.title}, {"every interval", job.every.text}, {"schedule", job.schedule}};
  for (const Argument& argument : arguments) {
    if (!argument.value.present || argument.value.constant) continue;
    sink.report(make_error(rule_id::not_constant,
                           fmt::format("the {} of {} is not a compile-time constant; use a string literal or a "
                                       "constexpr variable",
                                       argument.name, job_label(job)),
                           argument.value.range));
  }
}

}  // namespace cronc

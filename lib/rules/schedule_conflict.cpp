#include "rules/checks.hpp"
#include "rules/schedule_diagnostics.hpp"

#include <fmt/format.h>

namespace cronc {

void check_schedule_conflict(const JobDecl& job, DiagnosticSink& sink) {
  if (!job.every.present() || !job.schedule.present) return;
  Diagnostic diagnostic = make_error(rule_id::schedule_conflict,
                                     fmt::format("{} sets both .every and .schedule; keep one of them", job_label(job)),
                                     job.schedule.range);
  diagnostic.notes.push_back({".every is set here", job.every.text.range});
  sink.report(std::move(diagnostic));
}

}  // namespace cronc

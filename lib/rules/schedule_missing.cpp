#include "rules/checks.hpp"
#include "rules/schedule_diagnostics.hpp"

#include <fmt/format.h>

namespace cronc {

void check_schedule_missing(const JobDecl& job, DiagnosticSink& sink) {
  if (job.every.present() || job.schedule.present) return;
  sink.report(make_error(rule_id::schedule_missing,
                         fmt::format("{} has no schedule; set either .every (such as \"1h\") or .schedule (a cron "
                                     "expression such as \"0 4 * * *\")",
                                     job_label(job)),
                         job.name_range));
}

}  // namespace cronc

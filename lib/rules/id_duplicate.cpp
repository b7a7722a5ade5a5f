#include "rules/checks.hpp"
#include "rules/schedule_diagnostics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <tuple>

namespace cronc {

void check_duplicate_ids(std::vector<JobDecl> jobs, DiagnosticSink& sink) {
  // An ID that is not a constant or is empty names nothing to compare; cron-not-constant and cron-id-invalid
  // report those.
  std::erase_if(jobs, [](const JobDecl& job) { return !job.id.constant || job.id.value.empty(); });
  auto key = [](const JobDecl& job) {
    const SourceLocation& at = job.id.range.begin;
    return std::tie(job.id.value, at.file, at.line, at.column);
  };
  std::sort(jobs.begin(), jobs.end(), [&](const JobDecl& a, const JobDecl& b) { return key(a) < key(b); });
  // The same declaration seen from several translation units has the same location.
  jobs.erase(
      std::unique(jobs.begin(), jobs.end(), [&](const JobDecl& a, const JobDecl& b) { return key(a) == key(b); }),
      jobs.end());
  for (auto first = jobs.begin(); first != jobs.end();) {
    auto end = std::find_if(first, jobs.end(), [&](const JobDecl& job) { return job.id.value != first->id.value; });
    for (auto later = std::next(first); later != end; ++later) {
      Diagnostic diagnostic = make_error(
          rule_id::id_duplicate,
          fmt::format("job ID '{}' is already used by another job; give each job its own ID", later->id.value),
          later->id.range);
      diagnostic.notes.push_back({fmt::format("'{}' is first declared here", first->id.value), first->id.range});
      sink.report(std::move(diagnostic));
    }
    first = end;
  }
}

}  // namespace cronc

#include "rules/checks.hpp"
#include "rules/schedule_diagnostics.hpp"

#include <fmt/format.h>

namespace cronc {

namespace {

/// Where the job was created instead of a namespace-scope variable, with its article.
std::string_view scope_name(DeclarationScope scope) {
  switch (scope) {
    case DeclarationScope::local_variable: return "a local variable";
    case DeclarationScope::static_local: return "a static local variable";
    case DeclarationScope::class_member: return "a class member";
    case DeclarationScope::temporary: return "a temporary";
    case DeclarationScope::new_expression: return "a new-expression";
    case DeclarationScope::namespace_scope: break;
  }
  return {};
}

}  // namespace

void check_not_top_level(const JobDecl& job, DiagnosticSink& sink) {
  if (job.scope == DeclarationScope::namespace_scope) return;
  sink.report(make_error(rule_id::not_top_level,
                         fmt::format("{} must be declared at namespace scope, not as {}; cronc only registers "
                                     "namespace-scope jobs",
                                     job_label(job, "cron::CronJob"), scope_name(job.scope)),
                         job.name_range));
}

}  // namespace cronc

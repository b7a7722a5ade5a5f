#include "rules/checks.hpp"
#include "rules/schedule_diagnostics.hpp"

#include <fmt/format.h>

namespace cronc {

namespace {

/// What the endpoint is instead of a function, with its article; empty for the kinds this rule accepts.
std::string_view kind_name(EndpointKind kind) {
  switch (kind) {
    case EndpointKind::lambda: return "a lambda";
    case EndpointKind::member_function: return "a non-static member function";
    case EndpointKind::function_object: return "a function object";
    case EndpointKind::variable: return "a variable";
    case EndpointKind::function_template: return "a function template";
    case EndpointKind::unknown: return "an expression of this kind";
    case EndpointKind::missing:
    case EndpointKind::function:
    case EndpointKind::static_member: break;
  }
  return {};
}

}  // namespace

void check_endpoint_kind(const JobDecl& job, DiagnosticSink& sink) {
  const Endpoint& endpoint = job.endpoint;
  std::string_view kind = kind_name(endpoint.kind);
  if (kind.empty()) return;
  Diagnostic diagnostic = make_error(
      rule_id::endpoint_kind,
      fmt::format("the endpoint of {} must be a free or static member function, not {}", job_label(job), kind),
      endpoint.range);
  if (endpoint.kind == EndpointKind::member_function)
    diagnostic.notes.push_back({fmt::format("make '{}' static", endpoint.qualified_name), endpoint.declaration});
  sink.report(std::move(diagnostic));
}

}  // namespace cronc

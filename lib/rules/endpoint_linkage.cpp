#include "rules/checks.hpp"
#include "rules/schedule_diagnostics.hpp"

#include <fmt/format.h>

namespace cronc {

void check_endpoint_linkage(const JobDecl& job, DiagnosticSink& sink) {
  const Endpoint& endpoint = job.endpoint;
  if (!names_function(endpoint)) return;
  auto report = [&](std::string_view problem, std::string_view fix) {
    Diagnostic diagnostic = make_error(rule_id::endpoint_linkage,
                                       fmt::format("endpoint '{}' of {} {}, so the generated registration cannot "
                                                   "call it; {}",
                                                   endpoint.qualified_name, job_label(job), problem, fix),
                                       endpoint.range);
    diagnostic.notes.push_back(declared_here(endpoint));
    sink.report(std::move(diagnostic));
  };
  if (endpoint.internal_linkage)
    report("has internal linkage", "remove 'static' or move it out of the anonymous namespace");
  if (endpoint.private_member) report("is a private member", "make it public");
  // The stub includes the header that declares a static member's class; a class in a source file has none.
  if (endpoint.kind == EndpointKind::static_member && endpoint.declaring_header.empty())
    report("is a member of a class defined in a source file", "declare the class in a header");
}

}  // namespace cronc

#include "rules/checks.hpp"

#include "diagnostic_text.hpp"
#include "job_builder.hpp"

#include <gtest/gtest.h>

namespace cronc {
namespace {

using test::build_job;
using test::diagnose;

TEST(EndpointReturn, ErrorAtTheEndpointWithANoteAtItsDeclaration) {
  JobDecl job = build_job();
  job.endpoint.returns = ReturnKind::other;
  job.endpoint.return_type = "std::optional<int>";
  EXPECT_EQ(diagnose(check_endpoint_return, job),
            "jobs.cpp:14:17-14:34: error: endpoint 'shop::sendWelcomeEmail' of job 'welcome-email' returns "
            "'std::optional<int>'; return void or cron::Status [cron-endpoint-return]\n"
            "jobs.cpp:4:14-4:30: note: 'shop::sendWelcomeEmail' is declared here\n");
}

TEST(EndpointReturn, VoidStatusAndNonFunctionsAreFine) {
  JobDecl job = build_job();
  EXPECT_EQ(diagnose(check_endpoint_return, job), "");
  job.endpoint.returns = ReturnKind::void_type;
  EXPECT_EQ(diagnose(check_endpoint_return, job), "");
  job.endpoint.returns = ReturnKind::other;
  job.endpoint.kind = EndpointKind::function_object;
  EXPECT_EQ(diagnose(check_endpoint_return, job), "");
}

}  // namespace
}  // namespace cronc

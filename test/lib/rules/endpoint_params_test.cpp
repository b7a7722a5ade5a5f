#include "rules/checks.hpp"

#include "diagnostic_text.hpp"
#include "job_builder.hpp"

#include <gtest/gtest.h>

namespace cronc {
namespace {

using test::build_job;
using test::diagnose;

JobDecl job_with_parameters(unsigned parameters) {
  JobDecl job = build_job();
  job.endpoint.parameters = parameters;
  return job;
}

TEST(EndpointParams, ErrorAtTheEndpointWithANoteAtItsDeclaration) {
  EXPECT_EQ(diagnose(check_endpoint_params, job_with_parameters(2)),
            "jobs.cpp:14:17-14:34: error: endpoint 'shop::sendWelcomeEmail' of job 'welcome-email' takes 2 parameters; "
            "cron endpoints take none [cron-endpoint-params]\n"
            "jobs.cpp:4:14-4:30: note: 'shop::sendWelcomeEmail' is declared here\n");
}

TEST(EndpointParams, OneParameterOfAStaticMember) {
  JobDecl job = job_with_parameters(1);
  job.endpoint.kind = EndpointKind::static_member;
  job.endpoint.qualified_name = "shop::Mailer::send";
  EXPECT_EQ(diagnose(check_endpoint_params, job),
            "jobs.cpp:14:17-14:34: error: endpoint 'shop::Mailer::send' of job 'welcome-email' takes 1 parameter; "
            "cron endpoints take none [cron-endpoint-params]\n"
            "jobs.cpp:4:14-4:30: note: 'shop::Mailer::send' is declared here\n");
}

TEST(EndpointParams, OnlyFunctionsAreChecked) {
  EXPECT_EQ(diagnose(check_endpoint_params, job_with_parameters(0)), "");
  JobDecl lambda = job_with_parameters(1);
  lambda.endpoint.kind = EndpointKind::lambda;
  EXPECT_EQ(diagnose(check_endpoint_params, lambda), "");
}

}  // namespace
}  // namespace cronc

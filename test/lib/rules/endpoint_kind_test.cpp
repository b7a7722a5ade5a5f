#include "rules/checks.hpp"

#include "diagnostic_text.hpp"
#include "job_builder.hpp"

#include <gtest/gtest.h>

namespace cronc {
namespace {

using test::build_job;
using test::diagnose;

JobDecl job_with_endpoint(EndpointKind kind) {
  JobDecl job = build_job();
  job.endpoint.kind = kind;
  job.endpoint.qualified_name = "shop::Mailer::send";
  return job;
}

std::string expected(std::string_view kind) {
  std::string message = "the endpoint of job 'welcome-email' must be a free or static member function, not ";
  return "jobs.cpp:14:17-14:34: error: " + message + std::string(kind) + " [cron-endpoint-kind]\n";
}

TEST(EndpointKind, NonStaticMemberFunctionGetsANoteToMakeItStatic) {
  EXPECT_EQ(diagnose(check_endpoint_kind, job_with_endpoint(EndpointKind::member_function)),
            expected("a non-static member function") + "jobs.cpp:4:14-4:30: note: make 'shop::Mailer::send' static\n");
}

TEST(EndpointKind, NamesEachOtherKind) {
  EXPECT_EQ(diagnose(check_endpoint_kind, job_with_endpoint(EndpointKind::lambda)), expected("a lambda"));
  EXPECT_EQ(diagnose(check_endpoint_kind, job_with_endpoint(EndpointKind::function_object)),
            expected("a function object"));
  EXPECT_EQ(diagnose(check_endpoint_kind, job_with_endpoint(EndpointKind::variable)), expected("a variable"));
  EXPECT_EQ(diagnose(check_endpoint_kind, job_with_endpoint(EndpointKind::function_template)),
            expected("a function template"));
  EXPECT_EQ(diagnose(check_endpoint_kind, job_with_endpoint(EndpointKind::unknown)),
            expected("an expression of this kind"));
}

TEST(EndpointKind, FunctionsAndMissingEndpointsAreNotItsConcern) {
  for (EndpointKind kind : {EndpointKind::function, EndpointKind::static_member, EndpointKind::missing})
    EXPECT_EQ(diagnose(check_endpoint_kind, job_with_endpoint(kind)), "");
}

}  // namespace
}  // namespace cronc

#include "rules/checks.hpp"

#include "diagnostic_text.hpp"
#include "job_builder.hpp"

#include <gtest/gtest.h>

namespace cronc {
namespace {

using test::build_job;
using test::diagnose;

constexpr const char* kInternal =
    "jobs.cpp:14:17-14:34: error: endpoint 'shop::Mailer::send' of job 'welcome-email' has internal linkage, so the "
    "generated registration cannot call it; remove 'static' or move it out of the anonymous namespace "
    "[cron-endpoint-linkage]\n"
    "jobs.cpp:4:14-4:30: note: 'shop::Mailer::send' is declared here\n";
constexpr const char* kPrivate =
    "jobs.cpp:14:17-14:34: error: endpoint 'shop::Mailer::send' of job 'welcome-email' is a private member, so the "
    "generated registration cannot call it; make it public [cron-endpoint-linkage]\n"
    "jobs.cpp:4:14-4:30: note: 'shop::Mailer::send' is declared here\n";

JobDecl static_member_job() {
  JobDecl job = build_job();
  job.endpoint.kind = EndpointKind::static_member;
  job.endpoint.qualified_name = "shop::Mailer::send";
  job.endpoint.declaring_header = "\"shop/mailer.hpp\"";
  return job;
}

TEST(EndpointLinkage, AStaticMemberOfAClassInASourceFileCannotBeReached) {
  JobDecl job = static_member_job();
  job.endpoint.declaring_header.clear();
  EXPECT_EQ(diagnose(check_endpoint_linkage, job),
            "jobs.cpp:14:17-14:34: error: endpoint 'shop::Mailer::send' of job 'welcome-email' is a member of a class "
            "defined in a source file, so the generated registration cannot call it; declare the class in a header "
            "[cron-endpoint-linkage]\n"
            "jobs.cpp:4:14-4:30: note: 'shop::Mailer::send' is declared here\n");
}

TEST(EndpointLinkage, InternalLinkage) {
  JobDecl job = build_job();
  job.endpoint.internal_linkage = true;
  EXPECT_EQ(diagnose(check_endpoint_linkage, job),
            "jobs.cpp:14:17-14:34: error: endpoint 'shop::sendWelcomeEmail' of job 'welcome-email' has internal "
            "linkage, so the generated registration cannot call it; remove 'static' or move it out of the anonymous "
            "namespace [cron-endpoint-linkage]\n"
            "jobs.cpp:4:14-4:30: note: 'shop::sendWelcomeEmail' is declared here\n");
}

TEST(EndpointLinkage, PrivateMember) {
  JobDecl job = static_member_job();
  job.endpoint.private_member = true;
  EXPECT_EQ(diagnose(check_endpoint_linkage, job), kPrivate);
}

TEST(EndpointLinkage, BothProblemsAreReported) {
  JobDecl job = static_member_job();
  job.endpoint.internal_linkage = true;
  job.endpoint.private_member = true;
  EXPECT_EQ(diagnose(check_endpoint_linkage, job), std::string(kInternal) + kPrivate);
}

TEST(EndpointLinkage, ExternalPublicFunctionsAndNonFunctionsAreFine) {
  EXPECT_EQ(diagnose(check_endpoint_linkage, static_member_job()), "");
  JobDecl lambda = build_job();
  lambda.endpoint.kind = EndpointKind::lambda;
  lambda.endpoint.internal_linkage = true;
  EXPECT_EQ(diagnose(check_endpoint_linkage, lambda), "");
}

}  // namespace
}  // namespace cronc

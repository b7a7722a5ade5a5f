#include "rules/checks.hpp"

#include "diagnostic_text.hpp"
#include "job_builder.hpp"

#include <gtest/gtest.h>

namespace cronc {
namespace {

using test::build_job;
using test::diagnose;

TEST(EndpointMissing, ReportedAtTheName) {
  JobDecl job = build_job();
  job.endpoint = {};
  EXPECT_EQ(diagnose(check_endpoint_missing, job),
            "jobs.cpp:10:21-10:33: error: job 'welcome-email' has no endpoint; set .endpoint = &function (no "
            "parameters, returning void or cron::Status) [cron-endpoint-missing]\n");
}

TEST(EndpointMissing, AnyEndpointIsEnough) {
  JobDecl job = build_job();
  EXPECT_EQ(diagnose(check_endpoint_missing, job), "");
  job.endpoint.kind = EndpointKind::lambda;
  EXPECT_EQ(diagnose(check_endpoint_missing, job), "");
}

}  // namespace
}  // namespace cronc

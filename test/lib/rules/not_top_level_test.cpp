#include "rules/checks.hpp"

#include "diagnostic_text.hpp"
#include "job_builder.hpp"

#include <gtest/gtest.h>

namespace cronc {
namespace {

using test::build_job;
using test::diagnose;

JobDecl job_in(DeclarationScope scope) {
  JobDecl job = build_job();
  job.scope = scope;
  return job;
}

std::string expected(std::string_view job, std::string_view scope) {
  return "jobs.cpp:10:21-10:33: error: " + std::string(job) + " must be declared at namespace scope, not as " +
         std::string(scope) + "; cronc only registers namespace-scope jobs [cron-not-top-level]\n";
}

TEST(NotTopLevel, NamesEachScopeAtTheName) {
  const std::string job = "cron::CronJob 'welcome-email'";
  EXPECT_EQ(diagnose(check_not_top_level, job_in(DeclarationScope::local_variable)), expected(job, "a local variable"));
  EXPECT_EQ(diagnose(check_not_top_level, job_in(DeclarationScope::static_local)),
            expected(job, "a static local variable"));
  EXPECT_EQ(diagnose(check_not_top_level, job_in(DeclarationScope::class_member)), expected(job, "a class member"));
  EXPECT_EQ(diagnose(check_not_top_level, job_in(DeclarationScope::temporary)), expected(job, "a temporary"));
  EXPECT_EQ(diagnose(check_not_top_level, job_in(DeclarationScope::new_expression)), expected(job, "a new-expression"));
}

TEST(NotTopLevel, WithoutAConstantIdSaysACronJob) {
  JobDecl not_constant = job_in(DeclarationScope::temporary);
  not_constant.id = test::not_constant(test::columns(10, 34, 37));
  EXPECT_EQ(diagnose(check_not_top_level, not_constant), expected("a cron::CronJob", "a temporary"));
  JobDecl empty = job_in(DeclarationScope::temporary);
  empty.id.value.clear();
  EXPECT_EQ(diagnose(check_not_top_level, empty), expected("a cron::CronJob", "a temporary"));
}

TEST(NotTopLevel, NamespaceScopeIsFine) {
  EXPECT_EQ(diagnose(check_not_top_level, build_job()), "");
}

}  // namespace
}  // namespace cronc

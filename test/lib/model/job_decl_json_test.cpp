// A JobDecl through the analyzer's per-unit cache format and back: every field a rule or an emitter reads must
// survive, or a cached rerun writes a different manifest than the first run.

#include "model/job_decl_json.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace cronc {
namespace {

StringArgument literal(std::string value, unsigned line) {
  StringArgument argument;
  argument.present = true;
  argument.value = std::move(value);
  argument.range = {{"jobs.cpp", line, 17, 100}, {"jobs.cpp", line, 30, 113}};
  argument.byte_locations = {{"jobs.cpp", line, 18, 101}};
  return argument;
}

TEST(JobDeclJson, EveryStringArgumentSurvivesTheRoundTrip) {
  JobDecl job;
  job.variable = "shop::dueInvoices";
  job.doc = "Weekday mornings in Berlin.";
  job.id = literal("due-invoices", 10);
  job.title = literal("Send due invoices", 11);
  job.schedule = literal("30 9 * * mon-fri", 12);
  job.time_zone = literal("Europe/Berlin", 13);
  job.endpoint.kind = EndpointKind::static_member;
  job.endpoint.qualified_name = "shop::Invoices::sendDue";

  JobDecl back = job_from_json(job_to_json(job));
  EXPECT_EQ(back.variable, job.variable);
  EXPECT_EQ(back.doc, job.doc);
  for (auto field : {&JobDecl::id, &JobDecl::title, &JobDecl::schedule, &JobDecl::time_zone}) {
    EXPECT_EQ((back.*field).present, (job.*field).present);
    EXPECT_EQ((back.*field).value, (job.*field).value);
    EXPECT_EQ((back.*field).range.begin.line, (job.*field).range.begin.line);
    EXPECT_EQ((back.*field).byte_locations.size(), (job.*field).byte_locations.size());
  }
  EXPECT_EQ(back.endpoint.kind, EndpointKind::static_member);
  EXPECT_EQ(back.endpoint.qualified_name, job.endpoint.qualified_name);
}

TEST(JobDeclJson, AnEntryWithoutAFieldIsRefused) {
  nlohmann::json json = job_to_json(JobDecl{});
  json.erase("time_zone");  // written before the field existed
  EXPECT_THROW(job_from_json(json), nlohmann::json::exception);
}

}  // namespace
}  // namespace cronc
